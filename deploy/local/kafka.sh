#!/usr/bin/env bash
# Local single-node Apache Kafka (KRaft, broker+controller in one JVM) for development, run from
# the Maven Central jars (no Docker). Listens on 127.0.0.1:9092 (controller: 127.0.0.1:9093).
#
#   deploy/local/kafka.sh install        copy the broker/tools jars into .dev/kafka/libs (idempotent)
#   deploy/local/kafka.sh start          install, format storage on first start, start, wait, create-topics
#   deploy/local/kafka.sh stop           stop the broker recorded in .dev/pids/kafka.pid
#   deploy/local/kafka.sh status         print running/stopped; exit 0 when running, 3 when stopped
#   deploy/local/kafka.sh create-topics  create/update the topics declared in deploy/local/topics.conf
#   deploy/local/kafka.sh keys           print "topic<TAB>key" for every record on every topic (privacy checks)
#
# State: .dev/kafka/{libs,data,server.properties}; log: .dev/logs/kafka.log; pid: .dev/pids/kafka.pid.
# Data survives stop/start; `stop` then `rm -rf .dev/kafka/data` to start from scratch.
# KAFKA_INSTANCE=test runs a second, separate broker for the tests on 127.0.0.1:19092 (controller
# :19093), state in .dev/kafka-test, log kafka-test.log, pid kafka-test.pid: tests never share
# topics with the stack of ./dev up. The jars are shared.
# Environment: KAFKA_HEAP_OPTS (default -Xmx512m), KAFKA_JAVA (default: java on PATH, JDK 17),
# KAFKA_BOOTSTRAP (create-topics target, default 127.0.0.1:9092).
set -euo pipefail

ROOT="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
HERE="$ROOT/deploy/local"
POM="$HERE/kafka/pom.xml"
TEMPLATE="$HERE/kafka/server.properties"
LOG4J="$HERE/kafka/log4j2.yaml"
TOPICS="$HERE/topics.conf"
case "${KAFKA_INSTANCE:-}" in
  "") NAME=kafka PORT=9092 CONTROLLER_PORT=9093 ;;
  # KAFKA_TEST_PORT moves the test broker (controller on the next port), e.g. for two checkouts
  # testing side by side; tests then need INZAGE_KAFKA_BOOTSTRAP=127.0.0.1:<port>.
  test) NAME=kafka-test PORT=${KAFKA_TEST_PORT:-19092} CONTROLLER_PORT=$(( ${KAFKA_TEST_PORT:-19092} + 1 )) ;;
  *) echo "kafka: KAFKA_INSTANCE must be empty or 'test'" >&2; exit 2 ;;
esac
STATE="$ROOT/.dev/$NAME"
LIBS="$ROOT/.dev/kafka/libs"
DATA="$STATE/data"
CONFIG="$STATE/server.properties"
LOG="$ROOT/.dev/logs/$NAME.log"
PIDFILE="$ROOT/.dev/pids/$NAME.pid"
JAVA="${KAFKA_JAVA:-java}"
BOOTSTRAP="${KAFKA_BOOTSTRAP:-127.0.0.1:$PORT}"
START_TIMEOUT=90
STOP_TIMEOUT=30

log() { printf "%s: %s\n" "$NAME" "$*"; }
die() { printf 'kafka: ERROR: %s\n' "$*" >&2; exit 1; }

# Runs a Kafka command-line tool (or a single-file Java program) quietly: log4j2 at WARN.
# Prefix with `timeout N` via TOOL_TIMEOUT (seconds) when the call must not hang.
tool() {
  ${TOOL_TIMEOUT:+timeout "$TOOL_TIMEOUT"} "$JAVA" -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -Dlog4j2.configurationFile="$LOG4J" -Dinzage.kafka.log.level=WARN \
    -cp "$LIBS/*" "$@"
}

# True when something accepts TCP connections on host:port.
port_open() {
  local host="${1%:*}" port="${1##*:}"
  (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
}

# Prints the pid from the pid file when that process is alive and is our broker.
running_pid() {
  [[ -f "$PIDFILE" ]] || return 1
  local pid
  pid="$(cat "$PIDFILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "kafka.Kafka $CONFIG" || return 1
  echo "$pid"
}

cmd_install() {
  command -v mvn >/dev/null || die "mvn not found (apt-get install -y maven)"
  local sum
  sum="$(sha256sum "$POM" | cut -d' ' -f1)"
  if [[ -f "$LIBS/.pom.sha256" && "$(cat "$LIBS/.pom.sha256")" == "$sum" ]] \
      && compgen -G "$LIBS/kafka_2.13-*.jar" >/dev/null \
      && compgen -G "$LIBS/kafka-tools-*.jar" >/dev/null; then
    return 0
  fi
  log "installing jars from $POM into $LIBS"
  local tmp="$LIBS.tmp"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  mvn -q -B -Dstyle.color=never -f "$POM" dependency:copy-dependencies -DoutputDirectory="$tmp"
  echo "$sum" >"$tmp/.pom.sha256"
  rm -rf "$LIBS"
  mv "$tmp" "$LIBS"
  log "installed $(find "$LIBS" -name '*.jar' | wc -l) jars"
}

cmd_status() {
  local pid
  if pid="$(running_pid)"; then
    echo "$NAME: running (pid $pid, $BOOTSTRAP)"
    return 0
  fi
  echo "$NAME: stopped"
  return 3
}

cmd_start() {
  local pid
  if pid="$(running_pid)"; then
    log "already running (pid $pid)"
    return 0
  fi
  rm -f "$PIDFILE"
  if port_open "127.0.0.1:$PORT" || port_open "127.0.0.1:$CONTROLLER_PORT"; then
    die "127.0.0.1:$PORT or :$CONTROLLER_PORT is already in use by a process not started by this script"
  fi
  cmd_install
  mkdir -p "$DATA" "$(dirname "$LOG")" "$(dirname "$PIDFILE")"
  sed -e "s#@KAFKA_DATA_DIR@#$DATA#g" -e "s#@PORT@#$PORT#g" -e "s#@CONTROLLER_PORT@#$CONTROLLER_PORT#g" "$TEMPLATE" >"$CONFIG"

  local t0=$SECONDS
  if [[ ! -f "$DATA/meta.properties" ]]; then
    local cluster_id
    cluster_id="$(tool kafka.tools.StorageTool random-uuid)"
    log "formatting storage in $DATA (cluster id $cluster_id)"
    tool kafka.tools.StorageTool format --standalone -t "$cluster_id" -c "$CONFIG" >>"$LOG" 2>&1 \
      || { tail -n 30 "$LOG" >&2; die "storage format failed (log: $LOG)"; }
  fi

  log "starting broker (log: $LOG)"
  printf '\n===== %s kafka.sh start =====\n' "$(date -Is)" >>"$LOG"
  # shellcheck disable=SC2086 # KAFKA_HEAP_OPTS is a list of JVM options
  setsid "$JAVA" ${KAFKA_HEAP_OPTS:--Xmx512m} \
    -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$LOG4J" -Dinzage.kafka.log.level=INFO \
    -cp "$LIBS/*" kafka.Kafka "$CONFIG" >>"$LOG" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$PIDFILE"

  # Wait until the broker answers admin requests.
  local deadline=$((SECONDS + START_TIMEOUT))
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PIDFILE"
      tail -n 40 "$LOG" >&2
      die "broker exited during startup (log: $LOG)"
    fi
    if port_open "127.0.0.1:$PORT" \
        && TOOL_TIMEOUT=30 tool org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$PORT" --list \
             >/dev/null 2>&1; then
      break
    fi
    if ((SECONDS >= deadline)); then
      tail -n 40 "$LOG" >&2
      die "broker did not answer on 127.0.0.1:$PORT within ${START_TIMEOUT}s (pid $pid still running; log: $LOG)"
    fi
    sleep 0.5
  done
  log "broker up after $((SECONDS - t0))s (pid $pid)"
  cmd_create_topics
}

cmd_stop() {
  local pid
  if ! pid="$(running_pid)"; then
    [[ -f "$PIDFILE" ]] && rm -f "$PIDFILE" && log "removed stale pid file"
    log "not running"
    return 0
  fi
  # Signal the process group only when the recorded pid leads it (it does when started by setsid).
  local target="$pid"
  [[ "$(ps -o pgid= -p "$pid" | tr -d ' ')" == "$pid" ]] && target="-$pid"
  log "stopping broker (pid $pid)"
  kill -TERM -- "$target" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "still running after ${STOP_TIMEOUT}s, sending KILL"
    kill -KILL -- "$target" 2>/dev/null || true
    sleep 1
  fi
  rm -f "$PIDFILE"
  log "stopped"
}

cmd_create_topics() {
  cmd_install
  port_open "$BOOTSTRAP" || die "nothing answers on $BOOTSTRAP (run: deploy/local/kafka.sh start)"
  local t0=$SECONDS
  tool "$HERE/kafka/CreateTopics.java" --bootstrap-server "$BOOTSTRAP" "$TOPICS" \
    || die "topic creation failed"
  log "topics from $TOPICS in place ($((SECONDS - t0))s)"
}

# Every record's key on every topic, from the beginning to the end offsets seen at start (RecordKeys.java).
# The smoke test checks that no key is a BSN.
cmd_keys() {
  cmd_install
  port_open "$BOOTSTRAP" || die "nothing answers on $BOOTSTRAP (run: deploy/local/kafka.sh start)"
  tool "$HERE/kafka/RecordKeys.java" --bootstrap-server "$BOOTSTRAP"
}

case "${1:-}" in
  install) cmd_install ;;
  keys) cmd_keys ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  create-topics) cmd_create_topics ;;
  *)
    echo "usage: $0 install|start|stop|status|create-topics|keys" >&2
    exit 2
    ;;
esac
