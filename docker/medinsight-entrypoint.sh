#!/usr/bin/env bash
# Writes conf/shiro.ini from the template with the passwords given in the environment (there are
# no default passwords), then starts Zeppelin as the image normally does.
set -euo pipefail
conf=/opt/zeppelin/conf
for v in MEDINSIGHT_ADMIN_PASSWORD MEDINSIGHT_ANALYST_PASSWORD MEDINSIGHT_VIEWER_PASSWORD; do
  if [[ -z "${!v:-}" ]]; then
    echo "medinsight: set $v (see docker/README section in the main README)" >&2
    exit 1
  fi
done
sed -e "s|CHANGE-ME-admin|${MEDINSIGHT_ADMIN_PASSWORD}|" \
    -e "s|CHANGE-ME-analyst|${MEDINSIGHT_ANALYST_PASSWORD}|" \
    -e "s|CHANGE-ME-viewer|${MEDINSIGHT_VIEWER_PASSWORD}|" \
    "$conf/shiro.ini.template" > "$conf/shiro.ini"
chmod 0600 "$conf/shiro.ini"
exec /opt/zeppelin/bin/zeppelin.sh
