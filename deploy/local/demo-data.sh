#!/usr/bin/env bash
# Loads the demo data of ./dev up once: consents of client 999993653 at the three demo source
# systems and two treatment relationships. Skips when the gateway already shows them.
# LOCAL DEVELOPMENT ONLY (uses the demo realm's well-known secrets).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
DEMO="$HERE/demo"
BSN=999993653
GATEWAY=http://127.0.0.1:8080
CONSENT=http://127.0.0.1:8081
RELATIONSHIP=http://127.0.0.1:8082

holders_visible() {
  local token
  token="$("$HERE/token.sh" verloskundige)"
  curl -fsS --max-time 5 -H "Authorization: Bearer $token" "$GATEWAY/viewer/patients/$BSN" | grep -o '"organization":"[0-9]*"' | wc -l
}

source_token() { "$HERE/token.sh" --client "source-$1" "source-$1-secret"; }

post() { # url token content-type file-or-body
  local status
  status="$(curl -sS --max-time 30 -o /tmp/inzage-demo.$$ -w '%{http_code}' -X POST "$1" \
    -H "Authorization: Bearer $2" -H "Content-Type: $3" --data-binary "$4")"
  if [[ "$status" != 201 ]]; then
    echo "demo-data: POST $1 answered $status: $(cat /tmp/inzage-demo.$$)" >&2
    rm -f /tmp/inzage-demo.$$
    exit 1
  fi
  rm -f /tmp/inzage-demo.$$
}

if [[ "$(holders_visible)" -ge 3 ]]; then
  echo "demo-data: already loaded"
  exit 0
fi

# Whether consent-service already holds a consent of this source system for the client: a POST that
# timed out on a busy machine may still have been stored, and must not be made twice.
has_consent() { # ura token
  curl -fsS --max-time 30 -H "Authorization: Bearer $2" \
    "$CONSENT/fhir/Consent?patient:identifier=http://fhir.nl/fhir/NamingSystem/bsn%7C$BSN" | grep -q '"resourceType":"Consent"'
}

for file in "$DEMO"/consent-*.json; do
  ura="$(basename "$file" .json)"; ura="${ura#consent-}"
  token="$(source_token "$ura")"
  has_consent "$ura" "$token" || post "$CONSENT/fhir/Consent" "$token" application/fhir+json "@$file"
done
has_relationship() { # token: one of this source system's relationships with the client exists
  curl -fsS --max-time 30 -H "Authorization: Bearer $1" "$RELATIONSHIP/relationships?patient=$BSN" | grep -q '"id":'
}

grep -v '^#' "$DEMO/relationships.tsv" | while IFS=$'\t' read -r ura body; do
  token="$(source_token "$ura")"
  has_relationship "$token" || post "$RELATIONSHIP/relationships" "$token" application/json "$body"
done

# The gateway learns them through Kafka; wait until it does.
for _ in $(seq 1 30); do
  if [[ "$(holders_visible)" -ge 3 ]]; then
    echo "demo-data: loaded (3 consents, 2 relationships for client $BSN)"
    exit 0
  fi
  sleep 1
done
echo "demo-data: the gateway does not show the demo consents after 30 s" >&2
exit 1
