#!/usr/bin/env bash
# Reconciliation (operator command; ./dev reconcile): does the access-gateway's in-memory projection
# hold exactly what consent-service's and relationship-service's databases hold?
#
#   deploy/local/reconcile.sh
#
# Asks the gateway (GET /admin/reconciliation) for the revision each projection has applied and the
# digest of what it holds, then each store (GET /reconciliation?revision=R) for the digest of its
# database at that same revision (nl.inzage.contracts.ProjectionDigest defines both). Under load the
# gateway moves on while it is asked: an unsettled answer is asked again, up to RECONCILE_ATTEMPTS.
#
# Environment: GATEWAY_URL (default http://127.0.0.1:8080), CONSENT_URL (…:8081), RELATIONSHIP_URL
# (…:8082), TOKEN (a bearer token with role operator or service; default: the local demo realm's
# operator), RECONCILE_ATTEMPTS (default 10). Against a cluster: port-forward the three services and
# pass a token of the operator role.
# Equal at the gateway's revision is not enough: a projection that stopped applying events is equal to
# its store at the revision where it stopped. So each store also says its current revision, and the
# gateway must reach that within RECONCILE_BEHIND_SECONDS (default 30), or it is reported behind.
# Exit status: 0 when both projections equal their stores and are not behind them, 1 when one differs
# or stays behind, 2 when the gateway never settled (or a service did not answer).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
GATEWAY_URL="${GATEWAY_URL:-http://127.0.0.1:8080}"
CONSENT_URL="${CONSENT_URL:-http://127.0.0.1:8081}"
RELATIONSHIP_URL="${RELATIONSHIP_URL:-http://127.0.0.1:8082}"
ATTEMPTS="${RECONCILE_ATTEMPTS:-10}"
BEHIND_SECONDS="${RECONCILE_BEHIND_SECONDS:-30}"
TOKEN="${TOKEN:-$("$HERE/token.sh" operator)}"

get() { # url: the body, or nothing and status 1
  curl -fsS --max-time 120 -H "Authorization: Bearer $TOKEN" "$1"
}

field() { # json path.to.field
  python3 -c 'import json, sys
value = json.load(sys.stdin)
for part in sys.argv[1].split("."):
    value = value[part]
print(str(value).lower() if isinstance(value, bool) else value)' "$1" <<<"$2"
}

for attempt in $(seq 1 "$ATTEMPTS"); do
  held="$(get "$GATEWAY_URL/admin/reconciliation")" || { echo "reconcile: the gateway did not answer" >&2; exit 2; }
  if [[ "$(field consent.settled "$held")" != true || "$(field relationship.settled "$held")" != true ]]; then
    sleep 1
    continue
  fi
  differ=0 rows="" heads=""
  for store in consent relationship; do
    revision="$(field "$store.revision" "$held")"
    url="$CONSENT_URL"; [[ "$store" == relationship ]] && url="$RELATIONSHIP_URL"
    stored="$(get "$url/reconciliation?revision=$revision")" || { echo "reconcile: $store-service did not answer for revision $revision" >&2; exit 2; }
    gateway_entries="$(field "$store.entries" "$held")" gateway_digest="$(field "$store.digest" "$held")"
    store_entries="$(field entries "$stored")" store_digest="$(field digest "$stored")"
    heads+="$store:$(field storeRevision "$stored") "
    verdict=equal
    if [[ "$gateway_entries" != "$store_entries" || "$gateway_digest" != "$store_digest" ]]; then
      verdict=DIFFERENT differ=1
    fi
    rows+="$(printf '%-13s %9s %12s %12s  %-32s  %-32s  %s' "$store" "$revision" "$gateway_entries" "$store_entries" \
      "$gateway_digest" "$store_digest" "$verdict")"$'\n'
  done
  # The gateway may have moved on meanwhile: a difference counts only if it is still at those revisions.
  again="$(get "$GATEWAY_URL/admin/reconciliation")" || { echo "reconcile: the gateway did not answer" >&2; exit 2; }
  if [[ $differ -eq 1 && ( "$(field consent.revision "$again")" != "$(field consent.revision "$held")" \
        || "$(field relationship.revision "$again")" != "$(field relationship.revision "$held")" ) ]]; then
    sleep 1
    continue
  fi
  printf '%-13s %9s %12s %12s  %-32s  %-32s  %s\n' store revision gateway database "gateway digest" "database digest" verdict
  printf '%s' "$rows"
  if [[ $differ -eq 1 ]]; then
    echo "reconcile: the gateway's projection differs from the database (attempt $attempt)"
    exit 1
  fi
  # Every revision the stores had committed when asked must reach the gateway (published by the outboxes,
  # applied by the projections); one that does not means a projection has stopped short of its store.
  for head in $heads; do
    store=${head%%:*} want=${head##*:} at=0
    for _ in $(seq 0 "$BEHIND_SECONDS"); do
      at="$(field "$store.revision" "$(get "$GATEWAY_URL/admin/reconciliation")")" || at=0
      [[ "$at" -ge "$want" ]] && break
      sleep 1
    done
    if [[ "$at" -lt "$want" ]]; then
      echo "reconcile: the gateway's $store projection is behind its database: at revision $at after ${BEHIND_SECONDS} s, the database was at $want (events unpublished, or not applied)"
      exit 1
    fi
  done
  echo "reconcile: the gateway's projections equal the databases and have reached their revisions (attempt $attempt)"
  exit 0
done
echo "reconcile: the gateway did not settle in $ATTEMPTS attempts (events kept arriving); try again when the load is lower" >&2
exit 2
