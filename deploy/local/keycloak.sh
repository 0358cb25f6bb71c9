#!/usr/bin/env bash
# Local Keycloak for Inzage development: install | start | stop | status
#
# Runs the plain Keycloak distribution from Maven Central (no Docker on the dev machines) in
# dev mode on http://127.0.0.1:8180 and imports the demo realm `geboortezorg`
# (deploy/local/realm-geboortezorg.json). LOCAL DEVELOPMENT ONLY: the admin account, the user
# passwords and the client secrets are all well known.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(git -C "$SCRIPT_DIR" rev-parse --show-toplevel 2>/dev/null || (cd "$SCRIPT_DIR/../.." && pwd))"

KC_VERSION=26.7.3
KC_PORT=8180
KC_URL="http://127.0.0.1:$KC_PORT"
REALM=geboortezorg
REALM_FILE="$SCRIPT_DIR/realm-$REALM.json"
# A first start on a busy 2-core machine (it builds Keycloak and its schema) can take minutes.
READY_TIMEOUT=${KEYCLOAK_READY_TIMEOUT:-420}
STOP_TIMEOUT=30

STATE_DIR="$ROOT/.dev"
KC_BASE="$STATE_DIR/keycloak"
KC_HOME="$KC_BASE/keycloak-$KC_VERSION"
LOG_FILE="$STATE_DIR/logs/keycloak.log"
PID_FILE="$STATE_DIR/pids/keycloak.pid"
# Hash of the realm file that the current data/h2 database was imported from.
REALM_HASH_FILE="$KC_BASE/realm-$REALM.sha256"

M2_REPO="${M2_REPO:-$HOME/.m2/repository}"
ZIP_NAME="keycloak-quarkus-dist-$KC_VERSION.zip"
M2_ZIP="$M2_REPO/org/keycloak/keycloak-quarkus-dist/$KC_VERSION/$ZIP_NAME"

log() { printf '[keycloak] %s\n' "$*"; }
die() { printf '[keycloak] ERROR: %s\n' "$*" >&2; exit 1; }

# The pid file holds the pid of kc.sh, started as session and process-group leader by setsid,
# so "our" processes are exactly those in that process group. The leader may be gone while its
# JVM still runs, so look at the whole group; the command-line check guards against the pid
# having been reused by an unrelated process after a crash or reboot.
running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  # Not a pipe into grep -q: with pipefail an early grep exit could fail the whole check.
  grep -qF "$KC_HOME" <<<"$(pgrep -g "$pid" -a 2>/dev/null)" || return 1
  echo "$pid"
}

# Zombies do not count: a dead, not yet reaped kc.sh would otherwise delay stop by the timeout.
group_alive() {
  local p
  for p in $(pgrep -g "$1" 2>/dev/null); do
    [[ "$(awk '{print $3}' "/proc/$p/stat" 2>/dev/null)" == Z ]] || return 0
  done
  return 1
}

cmd_install() {
  if [[ -x "$KC_HOME/bin/kc.sh" ]]; then
    log "Keycloak $KC_VERSION already installed in $KC_HOME"
    return 0
  fi
  mkdir -p "$KC_BASE"
  local zip="$M2_ZIP"
  if [[ ! -f "$zip" ]]; then
    log "Downloading $ZIP_NAME from Maven Central (~170 MiB) ..."
    mvn -q -B dependency:copy \
      -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" \
      -DoutputDirectory="$KC_BASE/download"
    zip="$KC_BASE/download/$ZIP_NAME"
  fi
  # Unpack next to the target and rename, so an interrupted unzip never looks installed.
  local tmp="$KC_BASE/.unpack.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  log "Unpacking $zip ..."
  unzip -q "$zip" -d "$tmp"
  mv "$tmp/keycloak-$KC_VERSION" "$KC_HOME"
  rm -rf "$tmp" "$KC_BASE/download"
  log "Installed Keycloak $KC_VERSION in $KC_HOME"
}

# --import-realm skips a realm that already exists, so a changed realm file only takes effect on
# a fresh database. Dropping the database only on change keeps the realm's signing keys (and thus
# tokens held by running services) stable across ordinary restarts.
prepare_realm() {
  [[ -f "$REALM_FILE" ]] || die "realm file $REALM_FILE not found"
  local want have=""
  want="$(sha256sum "$REALM_FILE" | cut -d' ' -f1)"
  [[ -f "$REALM_HASH_FILE" ]] && have="$(cat "$REALM_HASH_FILE")"
  if [[ "$want" != "$have" ]]; then
    if [[ -d "$KC_HOME/data/h2" ]]; then
      log "Realm file changed: discarding the dev database so the realm is re-imported"
    fi
    rm -rf "$KC_HOME/data/h2"
    rm -f "$REALM_HASH_FILE"
  fi
  mkdir -p "$KC_HOME/data/import"
  cp "$REALM_FILE" "$KC_HOME/data/import/realm-$REALM.json"
  REALM_HASH="$want"
}

realm_ready() {
  [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 \
    "$KC_URL/realms/$REALM/.well-known/openid-configuration" 2>/dev/null)" == 200 ]]
}

fail_start() {
  printf '[keycloak] ERROR: %s\n' "$1" >&2
  # The real cause (e.g. a rejected realm file) is often buried under follow-up warnings.
  printf '[keycloak] errors in %s:\n' "$LOG_FILE" >&2
  grep -E '^[0-9-]+ [0-9:,]+ (ERROR|FATAL) ' "$LOG_FILE" | tail -n 10 >&2 || true
  printf '[keycloak] last lines of %s:\n' "$LOG_FILE" >&2
  tail -n 20 "$LOG_FILE" >&2 || true
  exit 1
}

cmd_start() {
  local pid
  if pid="$(running_pid)"; then
    log "already running (pid $pid) on $KC_URL"
    return 0
  fi
  rm -f "$PID_FILE"
  # Something else on the port would make Keycloak fail with a confusing bind error.
  if curl -s -o /dev/null --max-time 2 "$KC_URL/" 2>/dev/null; then
    die "port $KC_PORT is already in use by a process not started from $PID_FILE"
  fi

  cmd_install
  prepare_realm
  mkdir -p "$(dirname "$LOG_FILE")" "$(dirname "$PID_FILE")"
  [[ -f "$LOG_FILE" ]] && mv -f "$LOG_FILE" "$LOG_FILE.1"

  log "Starting Keycloak on $KC_URL (log: $LOG_FILE)"
  local started=$SECONDS
  # setsid makes kc.sh (and the JVM it forks) a process group of their own, so stop can signal
  # all of them at once. Run from a non-interactive shell the background job is no group leader,
  # so setsid does not fork and $! is kc.sh itself.
  # The bootstrap admin (admin/admin) is for local development only; Keycloak only creates it
  # when the master realm is new.
  # --hostname pins the issuer: otherwise it follows whatever host name a client used.
  KC_BOOTSTRAP_ADMIN_USERNAME=admin \
  KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
  JAVA_OPTS_KC_HEAP="${JAVA_OPTS_KC_HEAP:--Xms64m -Xmx512m}" \
    setsid "$KC_HOME/bin/kc.sh" start-dev \
      --http-port="$KC_PORT" \
      --http-host=127.0.0.1 \
      --hostname="$KC_URL" \
      --import-realm \
      </dev/null >"$LOG_FILE" 2>&1 &
  pid=$!
  echo "$pid" >"$PID_FILE"

  while ! realm_ready; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PID_FILE"
      fail_start "Keycloak exited during startup"
    fi
    if (( SECONDS - started >= READY_TIMEOUT )); then
      fail_start "realm $REALM not ready after ${READY_TIMEOUT}s (Keycloak left running, pid $pid; see log)"
    fi
    sleep 1
  done
  echo "$REALM_HASH" >"$REALM_HASH_FILE"
  log "ready in $((SECONDS - started))s: $KC_URL/realms/$REALM (admin console: $KC_URL/admin, admin/admin)"
}

cmd_stop() {
  if [[ ! -f "$PID_FILE" ]]; then
    log "not running (no pid file)"
    return 0
  fi
  local pid
  if ! pid="$(running_pid)"; then
    log "not running (removing stale pid file)"
    rm -f "$PID_FILE"
    return 0
  fi
  log "Stopping Keycloak (process group $pid)"
  kill -TERM -- "-$pid" 2>/dev/null || true
  local waited=0
  while group_alive "$pid" && (( waited < STOP_TIMEOUT )); do
    sleep 1
    waited=$((waited + 1))
  done
  if group_alive "$pid"; then
    log "still running after ${STOP_TIMEOUT}s, sending KILL"
    kill -KILL -- "-$pid" 2>/dev/null || true
    sleep 1
  fi
  rm -f "$PID_FILE"
  log "stopped"
}

cmd_status() {
  local pid
  if pid="$(running_pid)"; then
    if realm_ready; then
      echo "keycloak: running (pid $pid) $KC_URL/realms/$REALM"
    else
      echo "keycloak: running (pid $pid), realm $REALM not (yet) available"
    fi
    return 0
  fi
  echo "keycloak: stopped"
  return 3
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *)
    echo "usage: $0 install|start|stop|status" >&2
    exit 2
    ;;
esac
