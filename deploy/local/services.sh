#!/usr/bin/env bash
# The four Inzage services as packaged applications (target/quarkus-app/quarkus-run.jar, prod
# profile), the Mitz simulator (mitz-simulator/target/mitz-simulator.jar) and the demo source systems'
# simulator (source-simulator), neither part of the product, started in the background with pid
# files, as ./dev up needs them. Mitz is switched on for the services (MITZ_ENABLED, default true
# here) against the simulator.
#
#   deploy/local/services.sh start [svc...]   start what is not running, then wait until ready
#   deploy/local/services.sh stop [svc...]    stop what .dev/pids records, nothing else
#   deploy/local/services.sh status [svc...]  name, port, pid and /q/health/ready; exit 3 if any is not ready
#
# Logs: .dev/logs/<svc>.log. Environment: READY_TIMEOUT (s, default 120), JAVA (default java).
set -euo pipefail

ROOT="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
STATE="$ROOT/.dev"
JAVA="${JAVA:-java}"
READY_TIMEOUT="${READY_TIMEOUT:-120}"

# name:port:heap — one list, in start order (Mitz first: consent-service talks to it; the gateway last: it reads what the others publish).
# source-simulator (LOCAL DEVELOPMENT ONLY) stands in for the demo organisations' FHIR endpoints.
SERVICES=(mitz-simulator:8095:64m consent-service:8081:256m relationship-service:8082:256m audit-service:8083:256m source-simulator:8090:96m access-gateway:8080:512m)

log() { echo "services: $*"; }

port_of() { local s; for s in "${SERVICES[@]}"; do [[ "${s%%:*}" == "$1" ]] && { s="${s#*:}"; echo "${s%%:*}"; return; }; done; return 1; }
# A Quarkus service's runner, or a plain module's shaded jar (the simulator).
jar_of() {
  if [[ "$1" == mitz-simulator ]]; then echo "$ROOT/$1/target/$1.jar"; else echo "$ROOT/$1/target/quarkus-app/quarkus-run.jar"; fi
}
heap_of() { local s; for s in "${SERVICES[@]}"; do [[ "${s%%:*}" == "$1" ]] && { echo "${s##*:}"; return; }; done; return 1; }

selected() {
  if [[ $# -gt 0 ]]; then
    local name
    for name in "$@"; do port_of "$name" >/dev/null || { echo "services: unknown service '$name'" >&2; exit 2; }; done
    echo "$@"
  else
    local s; for s in "${SERVICES[@]}"; do echo -n "${s%%:*} "; done
  fi
}

# The pid from the pid file, if that process is still our service.
running_pid() {
  local file="$STATE/pids/$1.pid" pid
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file")"
  [[ "$pid" =~ ^[0-9]+$ && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "$(jar_of "$1")" || return 1
  echo "$pid"
}

ready() { curl -fsS --max-time 2 "http://127.0.0.1:$1/q/health/ready" >/dev/null 2>&1; }

start_one() {
  local name="$1" port jar
  port="$(port_of "$name")"
  jar="$(jar_of "$name")"
  if running_pid "$name" >/dev/null; then
    log "$name already running"
    return 0
  fi
  [[ -f "$jar" ]] || { echo "services: $jar missing: build first (mvn -DskipTests package)" >&2; exit 1; }
  if curl -s --max-time 1 -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null; then
    echo "services: port $port is taken by a process this script did not start; stop it first" >&2
    exit 1
  fi
  mkdir -p "$STATE/logs" "$STATE/pids"
  # Appended, not replaced: the log of a process that died (kill -9, a crash) is what an operator reads next.
  echo "--- services.sh: $name starting $(date -u +%Y-%m-%dT%H:%M:%SZ)" >>"$STATE/logs/$name.log"
  # setsid: a process group of its own, so stop reaches everything the JVM started.
  # Mitz on, against the simulator; the token is the local-development value the simulator echoes back.
  MITZ_ENABLED="${MITZ_ENABLED:-true}" MITZ_NOTIFICATION_TOKEN="${MITZ_NOTIFICATION_TOKEN:-local-development-mitz-token}" \
    setsid "$JAVA" "-Xmx$(heap_of "$name")" -jar "$jar" >>"$STATE/logs/$name.log" 2>&1 < /dev/null &
  echo $! >"$STATE/pids/$name.pid"
  log "$name starting on :$port (pid $!)"
}

wait_ready() {
  local name="$1" port deadline
  port="$(port_of "$name")"
  deadline=$((SECONDS + READY_TIMEOUT))
  until ready "$port"; do
    if ! running_pid "$name" >/dev/null; then
      echo "services: $name exited; last lines of .dev/logs/$name.log:" >&2
      tail -n 30 "$STATE/logs/$name.log" >&2 || true
      exit 1
    fi
    if ((SECONDS > deadline)); then
      echo "services: $name not ready after ${READY_TIMEOUT}s; last lines of .dev/logs/$name.log:" >&2
      tail -n 30 "$STATE/logs/$name.log" >&2 || true
      exit 1
    fi
    sleep 1
  done
  log "$name ready on http://127.0.0.1:$port"
}

stop_one() {
  local name="$1" pid i
  if ! pid="$(running_pid "$name")"; then
    rm -f "$STATE/pids/$name.pid"
    return 0
  fi
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 30; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$STATE/pids/$name.pid"
  log "$name stopped"
}

status_all() {
  local name port pid health rc=0
  for name in "$@"; do
    port="$(port_of "$name")"
    if pid="$(running_pid "$name")"; then
      if ready "$port"; then health=UP; else health=DOWN; rc=3; fi
      printf '%-22s http://127.0.0.1:%-5s pid %-8s ready %s\n' "$name" "$port" "$pid" "$health"
    else
      printf '%-22s http://127.0.0.1:%-5s stopped\n' "$name" "$port"
      rc=3
    fi
  done
  return $rc
}

cmd="${1:-}"
shift || true
read -r -a names <<<"$(selected "$@")"
case "$cmd" in
  start)
    for name in "${names[@]}"; do start_one "$name"; done
    for name in "${names[@]}"; do wait_ready "$name"; done
    ;;
  stop)
    # Reverse order: the gateway first.
    for ((i = ${#names[@]} - 1; i >= 0; i--)); do stop_one "${names[$i]}"; done
    ;;
  status) status_all "${names[@]}" ;;
  *) sed -n '2,9s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
esac
