#!/usr/bin/env bash
# Writes conf/shiro.ini from the template with the passwords given in the environment (there are
# no default passwords) and conf/medinsight.properties (the plugin's access policy), then starts
# Zeppelin as the image normally does.
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
# the plugin's access policy: where load reads, where export writes, who may do what. It is read
# by the interpreter from this file only; no interpreter property or paragraph changes it.
# It is filled in from the template that bin/medinsight up and install fill in too.
sed -e "s|{{WRITTEN_BY}}|written by the image's entrypoint|" \
    -e "s|{{DATA_DIRS}}|${MEDINSIGHT_DATA_DIRS:-/data}|" \
    -e "s|{{EXPORT_DIR}}|${MEDINSIGHT_EXPORT_DIR:-/exports}|" \
    -e "s|{{WAREHOUSE}}|${MEDINSIGHT_WAREHOUSE:-/opt/zeppelin/medinsight/warehouse}|" \
    "$conf/medinsight.properties.template" > "$conf/medinsight.properties"
exec /opt/zeppelin/bin/zeppelin.sh
