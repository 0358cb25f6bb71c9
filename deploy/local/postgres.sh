#!/usr/bin/env bash
# Local PostgreSQL for development: makes sure a server answers and that the service roles and
# databases exist. Never falls back to an in-memory or embedded database.
#
#   deploy/local/postgres.sh ensure   start the local Debian cluster if needed, create roles/databases
#   deploy/local/postgres.sh status   print whether the server answers and each role can log in;
#                                     exit 0 when all is in place, 3 otherwise
#
# Server: ${PGHOST:-127.0.0.1}:${PGPORT:-5432}. Roles `consent`, `relationship`, `audit` (LOGIN,
# password = role name: LOCAL DEVELOPMENT ONLY, never use these credentials anywhere else), each
# owning its database <name> and test database <name>_test.
# Runtime roles that own nothing (APP_ROLES, e.g. `audit_app`, password = role name, LOCAL
# DEVELOPMENT ONLY): a service connects as one of these and gets only the privileges its
# migrations grant (audit-service: INSERT and SELECT on the log), so it cannot change what it wrote.
# Roles/databases are created over the unix socket as the `postgres` superuser (peer auth):
# `su postgres` when run as root, plain psql when run as postgres, `sudo -n -u postgres` otherwise.
# Override with PGSUPERUSER_CMD, a command that runs psql as a superuser and reads SQL from stdin,
# e.g. PGSUPERUSER_CMD='psql -h db.example -U admin -d postgres'.
set -euo pipefail

ROOT="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
PGSOCKETDIR="${PGSOCKETDIR:-/var/run/postgresql}"
SERVICES=(consent relationship audit)
# <runtime role>:<database owner>: the role logs in to the owner's databases.
APP_ROLES=(audit_app:audit)
START_TIMEOUT=30

log() { printf 'postgres: %s\n' "$*"; }
die() { printf 'postgres: ERROR: %s\n' "$*" >&2; exit 1; }

answers() { pg_isready -q -h "$PGHOST" -p "$PGPORT" -t 3; }

is_local_host() {
  case "$PGHOST" in
    127.0.0.1 | localhost | ::1 | /*) return 0 ;;
    *) return 1 ;;
  esac
}

# Runs the SQL on stdin as a superuser; prints unaligned tuples.
superuser_psql() {
  local opts="-X -q -A -t -v ON_ERROR_STOP=1"
  if [[ -n "${PGSUPERUSER_CMD:-}" ]]; then
    # shellcheck disable=SC2086 # the override is a command line
    $PGSUPERUSER_CMD $opts
  elif [[ "$(id -un)" == postgres ]]; then
    # shellcheck disable=SC2086
    psql -h "$PGSOCKETDIR" -p "$PGPORT" -U postgres -d postgres $opts
  elif [[ "$(id -u)" == 0 ]]; then
    su postgres -s /bin/sh -c "psql -h '$PGSOCKETDIR' -p '$PGPORT' -U postgres -d postgres $opts"
  elif command -v sudo >/dev/null; then
    # shellcheck disable=SC2086
    sudo -n -u postgres psql -h "$PGSOCKETDIR" -p "$PGPORT" -U postgres -d postgres $opts
  else
    die "cannot run psql as the postgres superuser: run as root or postgres, or set PGSUPERUSER_CMD"
  fi
}

# Starts the local Debian cluster <version>/main (version from /etc/postgresql) when it is
# configured for PGPORT and down.
start_local_cluster() {
  is_local_host || return 0
  command -v pg_ctlcluster >/dev/null || return 0
  [[ -d /etc/postgresql ]] || return 0
  local v port status
  for v in $(ls /etc/postgresql | sort -rV); do
    [[ -d "/etc/postgresql/$v/main" ]] || continue
    read -r _ _ port status _ < <(pg_lsclusters -h "$v" main 2>/dev/null) || continue
    [[ "$port" == "$PGPORT" ]] || continue
    if [[ "$status" == online* ]]; then
      log "cluster $v/main is online but does not answer on $PGHOST:$PGPORT"
      return 0
    fi
    log "nothing answers on $PGHOST:$PGPORT; starting local cluster $v/main"
    pg_ctlcluster --skip-systemctl-redirect "$v" main start \
      || log "pg_ctlcluster $v main start failed (needs root or the postgres user)"
    local deadline=$((SECONDS + START_TIMEOUT))
    until answers || ((SECONDS >= deadline)); do sleep 0.5; done
    return 0
  done
}

# 0 when <role> can log in over TCP with its password to database <db>.
can_login() {
  PGPASSWORD="$1" psql -X -q -A -t -h "$PGHOST" -p "$PGPORT" -U "$1" -d "$2" \
    -c 'select 1' >/dev/null 2>&1
}

cmd_ensure() {
  command -v psql >/dev/null && command -v pg_isready >/dev/null \
    || die "psql/pg_isready not found: apt-get install -y postgresql (server + client) or postgresql-client"
  if ! answers; then
    start_local_cluster
  fi
  if ! answers; then
    die "no PostgreSQL server answers on $PGHOST:$PGPORT. Install and start one:
    apt-get install -y postgresql      # Debian 12: PostgreSQL 15, cluster 15/main on port 5432
    pg_ctlcluster --skip-systemctl-redirect 15 main start
  or point PGHOST/PGPORT at a running server."
  fi

  local sql="" s
  for s in "${SERVICES[@]}"; do
    # Password = role name: local development only.
    sql+="SELECT format('CREATE ROLE %I LOGIN', '$s') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$s')
\\gexec
ALTER ROLE \"$s\" WITH LOGIN PASSWORD '$s';
"
    local db
    for db in "$s" "${s}_test"; do
      sql+="SELECT format('CREATE DATABASE %I OWNER %I', '$db', '$s') WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$db')
\\gexec
ALTER DATABASE \"$db\" OWNER TO \"$s\";
"
    done
  done
  local a
  for a in "${APP_ROLES[@]}"; do
    a="${a%%:*}"
    sql+="SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE', '$a') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$a')
\\gexec
ALTER ROLE \"$a\" WITH LOGIN PASSWORD '$a';
"
  done
  superuser_psql <<<"$sql" >/dev/null || die "creating roles/databases failed"

  for s in "${SERVICES[@]}"; do
    for db in "$s" "${s}_test"; do
      can_login "$s" "$db" \
        || die "role $s cannot log in to $db over TCP at $PGHOST:$PGPORT with its password (check pg_hba.conf: host ... scram-sha-256)"
    done
  done
  for a in "${APP_ROLES[@]}"; do
    for db in "${a#*:}" "${a#*:}_test"; do
      can_login "${a%%:*}" "$db" \
        || die "role ${a%%:*} cannot log in to $db over TCP at $PGHOST:$PGPORT with its password"
    done
  done
  log "ready on $PGHOST:$PGPORT: roles ${SERVICES[*]} with databases <role> and <role>_test, runtime roles ${APP_ROLES[*]%%:*} (password = role name)"
}

# Drops the three test databases (*_test) and creates them empty again: ./dev test starts its run
# from them empty, as it starts its broker empty (fresh test data must not meet an earlier run's).
cmd_reset_test() {
  answers || die "no PostgreSQL server answers on $PGHOST:$PGPORT"
  local sql="" s
  for s in "${SERVICES[@]}"; do
    sql+="DROP DATABASE IF EXISTS \"${s}_test\" WITH (FORCE);
"
  done
  superuser_psql <<<"$sql" >/dev/null || die "dropping the test databases failed"
  cmd_ensure
}

# Drops the three development databases (not the *_test ones) and creates them empty again.
cmd_reset() {
  answers || die "no PostgreSQL server answers on $PGHOST:$PGPORT"
  local sql="" s
  for s in "${SERVICES[@]}"; do
    sql+="DROP DATABASE IF EXISTS \"$s\" WITH (FORCE);
"
  done
  superuser_psql <<<"$sql" >/dev/null || die "dropping the development databases failed"
  cmd_ensure
}

cmd_status() {
  if ! command -v pg_isready >/dev/null || ! answers; then
    echo "postgres: not answering on $PGHOST:$PGPORT"
    return 3
  fi
  local rc=0 s db
  local a
  for a in "${SERVICES[@]}" "${APP_ROLES[@]}"; do
    s="${a%%:*}"
    local owner="${a#*:}"
    for db in "$owner" "${owner}_test"; do
      if can_login "$s" "$db"; then
        echo "postgres: $s@$db ok"
      else
        echo "postgres: $s@$db MISSING (run: deploy/local/postgres.sh ensure)"
        rc=3
      fi
    done
  done
  return "$rc"
}

: "$ROOT" # same conventions as the other deploy/local scripts
case "${1:-}" in
  ensure) cmd_ensure ;;
  reset) cmd_reset ;;
  reset-test) cmd_reset_test ;;
  status) cmd_status ;;
  *)
    echo "usage: $0 ensure|reset|status" >&2
    exit 2
    ;;
esac
