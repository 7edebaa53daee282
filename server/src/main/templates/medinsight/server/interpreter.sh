#!/usr/bin/env -S -i /bin/bash --noprofile --norc
# Starts one Zeppelin interpreter process. Zeppelin calls it as:
#   interpreter.sh -d INTERPRETER_DIR -c HOST -p EVENT_PORT -r PORT_RANGE -i GROUP_ID -l LOCAL_REPO -g SETTING
# It runs with an empty environment (see the first line): every variable it uses is set here.
set -euo pipefail
export PATH=/usr/local/bin:/usr/bin:/bin HOME={{USER_HOME}}
HOME_DIR={{ZEPPELIN_HOME}}
JAVA={{JAVA}}
while getopts "d:c:p:r:i:l:g:u:" o; do
  case $o in d) DIR="$OPTARG";; c) HOST="$OPTARG";; p) PORT="$OPTARG";; r) RANGE="$OPTARG";;
    i) GROUP="$OPTARG";; g) SETTING="$OPTARG";; *) ;; esac
done
SETTING="${SETTING:-$(basename "$DIR")}"
case "$SETTING" in *[!A-Za-z0-9_.-]*) echo "bad setting name" >&2; exit 2;; esac
LOG="$HOME_DIR/logs/interpreter-$SETTING.log"
CP="$HOME_DIR/interpreter-lib/*:$DIR/*"
# interpreters that bring no logging of their own get slf4j + reload4j
if ! ls "$DIR"/slf4j-api-*.jar >/dev/null 2>&1; then CP="$CP:$HOME_DIR/interpreter-lib/logging/*"; fi
echo "$$" > "$HOME_DIR/run/interpreter-$SETTING.pid"
env -i PATH="$PATH" HOME="$HOME" LANG=C.UTF-8 SPARK_LOCAL_IP=127.0.0.1 \
  "$JAVA" -Xmx{{MEMORY}} -XX:+ExitOnOutOfMemoryError -Dfile.encoding=UTF-8 {{JVM_OPENS}} \
  -Dmedinsight.log.file="$LOG" -Dlog4j2.configurationFile="$HOME_DIR/conf/log4j2-interpreter.properties" \
  -Dlog4j.configuration="file:$HOME_DIR/conf/log4j-interpreter.properties" \
  -cp "$CP" org.apache.zeppelin.interpreter.remote.RemoteInterpreterServer "$HOST" "$PORT" "$GROUP" "${RANGE:-:}" \
  >> "$HOME_DIR/logs/interpreter-$SETTING.out" 2>&1 &
child=$!
stopping=0
trap 'stopping=1; kill -TERM "$child" 2>/dev/null || true' TERM INT HUP
set +e
while :; do wait "$child"; code=$?; kill -0 "$child" 2>/dev/null || break; done
set -e
if [ "$stopping" = 0 ] && [ "$code" != 0 ] && [ "$code" != 130 ] && [ "$code" != 143 ]; then
  # died, not stopped: have the setting restarted, detached so Zeppelin sees this process end now
  setsid env -i PATH="$PATH" HOME="$HOME" "$JAVA" "$HOME_DIR/bin/RestartInterpreter.java" {{WORK}} "$SETTING" "$code" </dev/null >>"$HOME_DIR/logs/medinsight-watchdog.log" 2>&1 &
fi
exit "$code"
