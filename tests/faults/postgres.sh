#!/usr/bin/env bash
# A PostgreSQL cluster of the fault suite's own (tests/faults.sh): the suite stops and restarts PostgreSQL
# under load, which it must never do to the machine's shared server. A throwaway cluster: 127.0.0.1 only,
# trust authentication (LOCAL TESTING ONLY), data under FAULTS_PGDATA, removed by `destroy`.
#
#   tests/faults/postgres.sh start     initdb when there is no cluster yet, then start it; wait until it answers
#   tests/faults/postgres.sh stop      fast shutdown (connections are cut, as in a crash of the server's clients)
#   tests/faults/postgres.sh destroy   stop and remove the data
#   tests/faults/postgres.sh status
#
# Environment: FAULTS_PGPORT (default 55432), FAULTS_PGDATA (default /tmp/inzage-faults-pg).
# Needs Debian's PostgreSQL server binaries (/usr/lib/postgresql/<version>/bin), as deploy/local/postgres.sh does.
# As root, the cluster runs as the `postgres` user (PostgreSQL refuses to run as root).
set -euo pipefail

PORT="${FAULTS_PGPORT:-55432}"
DATA="${FAULTS_PGDATA:-/tmp/inzage-faults-pg}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[[ -x "$BIN/initdb" ]] || { echo "faults-postgres: no PostgreSQL server binaries under /usr/lib/postgresql (apt-get install postgresql)" >&2; exit 1; }

as_owner() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

answers() { pg_isready -q -h 127.0.0.1 -p "$PORT" -t 2; }

cmd_start() {
  if [[ ! -f "$DATA/PG_VERSION" ]]; then
    mkdir -p "$DATA"
    [[ "$(id -u)" == 0 ]] && chown postgres "$DATA"
    chmod 700 "$DATA"
    as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    cat >>"$DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DATA'
max_connections = 200
fsync = on
CONF
  fi
  if answers; then echo "faults-postgres: running on 127.0.0.1:$PORT"; return 0; fi
  as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 start >/dev/null
  echo "faults-postgres: started on 127.0.0.1:$PORT ($DATA)"
}

cmd_stop() {
  [[ -f "$DATA/postmaster.pid" ]] || { echo "faults-postgres: not running"; return 0; }
  as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >/dev/null
  echo "faults-postgres: stopped"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  destroy) cmd_stop; rm -rf "$DATA"; echo "faults-postgres: removed $DATA" ;;
  status) if answers; then echo "faults-postgres: running on 127.0.0.1:$PORT"; else echo "faults-postgres: down"; exit 3; fi ;;
  *) sed -n '2,13s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
esac
