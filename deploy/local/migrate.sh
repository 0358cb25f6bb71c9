#!/usr/bin/env bash
# Migrate a regional register's consents into the running ./dev up stack (consent-service), as the
# demo operator: uploads the file, prints progress until the job ends, then the totals.
#
#   deploy/local/migrate.sh [--dry-run] FILE     (./dev migrate [--dry-run] FILE)
#
# FILE: CSV (*.csv; columns in consent-service/README.md, "Migrating existing consents") or a FHIR
# Bundle of Consents (*.json). Environment: MIGRATE_REGISTER (the regional register's name, default
# regioportaal), MIGRATE_USER (default operator; password = name), CONSENT_URL (default
# http://127.0.0.1:8081), MIGRATE_POLL (seconds between progress lines, default 2).
set -euo pipefail

LOCAL="$(cd "$(dirname "$0")" && pwd)"
URL="${CONSENT_URL:-http://127.0.0.1:8081}"
REGISTER="${MIGRATE_REGISTER:-regioportaal}"
USER_NAME="${MIGRATE_USER:-operator}"
POLL="${MIGRATE_POLL:-2}"

usage() { sed -n '5s/^# \{0,1\}//p' "$0" >&2; exit 2; }

dry=false
if [[ "${1:-}" == --dry-run ]]; then dry=true; shift; fi
[[ $# -eq 1 ]] || usage
file="$1"
[[ -f "$file" ]] || { echo "migrate: no file '$file'" >&2; exit 2; }
case "$file" in
  *.csv | *.CSV) type=text/csv ;;
  *.json | *.JSON) type=application/fhir+json ;;
  *) echo "migrate: '$file' is neither .csv nor .json" >&2; exit 2 ;;
esac

# One field of the compact JSON the service answers: a number, a string or null.
field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p" <<<"$2" | head -n 1; }
token() { "$LOCAL/token.sh" "$USER_NAME"; }
clock() { local s="$1"; [[ "$s" =~ ^[0-9]+$ ]] || { echo "?"; return; }; printf '%d:%02d:%02d' $((s / 3600)) $((s % 3600 / 60)) $((s % 60)); }

name="$(basename "$file")"
# -T streams the file (curl would otherwise read it whole into memory); no Expect: 100-continue wait.
answer="$(curl -sS -w '\n%{http_code}' -X POST -T "$file" -H 'Expect:' -H "Content-Type: $type" \
  -H "Authorization: Bearer $(token)" \
  "$URL/migrations?dryRun=$dry&register=$REGISTER&fileName=$(printf '%s' "$name" | sed 's/[^A-Za-z0-9._-]/_/g')")"
code="${answer##*$'\n'}"
body="${answer%$'\n'*}"
if [[ "$code" != 202 ]]; then
  echo "migrate: HTTP $code: $body" >&2
  exit 1
fi
id="$(field id "$body")"
echo "migrate: $([[ $dry == true ]] && echo "dry run" || echo "import") $id of $name (register $REGISTER)"

while true; do
  sleep "$POLL"
  status="$(curl -sS -H "Authorization: Bearer $(token)" "$URL/migrations/$id")"
  state="$(field state "$status")"
  printf 'migrate: %-8s records %-9s %5s%%  rate %8s/s  time left %s\n' "$state" "$(field recordsDone "$status")" \
    "$(field percentDone "$status")" "$(field ratePerSecond "$status")" "$(clock "$(field secondsLeft "$status")")"
  [[ "$state" == finished || "$state" == failed ]] && break
done

totals="$(sed -n 's/.*"totals":{\([^}]*\)}.*/\1/p' <<<"$status" | tr -d '"' | sed 's/,/, /g; s/:/ /g')"
echo "migrate: totals: $totals"
if [[ "$state" == failed ]]; then
  echo "migrate: failed: $(field error "$status"); resume with: curl -X POST -H \"Authorization: Bearer \$TOKEN\" $URL/migrations/$id/resume" >&2
  exit 1
fi
echo "migrate: report per record:       curl -H \"Authorization: Bearer \$(deploy/local/token.sh $USER_NAME)\" -H 'Accept: text/csv' $URL/migrations/$id/report"
echo "migrate: totals per organisation: curl -H \"Authorization: Bearer \$(deploy/local/token.sh $USER_NAME)\" -H 'Accept: text/csv' $URL/migrations/$id/report/organisations"
