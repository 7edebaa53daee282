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
cat > "$conf/medinsight.properties" <<EOF
drugs.data.dirs = ${MEDINSIGHT_DATA_DIRS:-/data}
drugs.export.dir = ${MEDINSIGHT_EXPORT_DIR:-/exports}
drugs.warehouse = ${MEDINSIGHT_WAREHOUSE:-/opt/zeppelin/medinsight/warehouse}
drugs.roles.query = admin, analyst
drugs.roles.load = admin
drugs.roles.export = admin, analyst
EOF
exec /opt/zeppelin/bin/zeppelin.sh
