#!/usr/bin/env bash
# End-to-end smoke test of ./dev up with real Keycloak tokens: every service healthy, the token
# flow through the gateway, a decision that rests on data that went consent-service → Kafka →
# gateway, its audit record at audit-service, and ./dev down leaving nothing of ours running.
# When the stack is already up, it is checked and left up.
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
LOCAL="$ROOT/deploy/local"
TOKEN="$LOCAL/token.sh"
passed=0
failed=0

check() { # description, command...
  local description="$1"
  shift
  if "$@" >/tmp/inzage-smoke.out 2>&1; then
    passed=$((passed + 1))
    echo "  ok    $description"
  else
    failed=$((failed + 1))
    echo "  FAIL  $description"
    sed 's/^/        /' /tmp/inzage-smoke.out | tail -n 15
  fi
}

status_is() { # expected-status curl-args...
  local expected="$1" got
  shift
  got="$(curl -sS --max-time 10 -o /tmp/inzage-smoke.body -w '%{http_code}' "$@")"
  [[ "$got" == "$expected" ]] || { echo "expected HTTP $expected, got $got: $(head -c 500 /tmp/inzage-smoke.body)"; return 1; }
}

body_has() { grep -q -- "$1" /tmp/inzage-smoke.body || { echo "body lacks $1: $(head -c 800 /tmp/inzage-smoke.body)"; return 1; }; }

evaluation() { # role uzi ura orgtype holder category [patient, default the demo client]
  printf '{"subject":{"type":"practitioner","id":"%s","properties":{"subject_organization_id":"%s","subject_role":"%s","subject_facility_type":"%s"}},"action":{"name":"read"},"resource":{"type":"patient-data","id":"%s","properties":{"data_holder_organization_id":"%s","data_category":"%s"}},"context":{"purpose_of_use":"TREAT"}}' \
    "$2" "$3" "$1" "$4" "${7:-999993653}" "$5" "$6"
}

decide() { # expected-decision evaluation-json [curl-args, e.g. a revision header]
  local expected="$1" body="$2"
  shift 2
  status_is 200 -X POST -H "Authorization: Bearer $PEP" -H 'Content-Type: application/json' "$@" \
    --data "$body" http://127.0.0.1:8080/access/v1/evaluation && body_has "\"decision\":$expected"
}

# A BSN of the test range (9999...) that passes the 11-test, new at each run.
fresh_bsn() {
  local digits sum i check
  while :; do
    digits="9999$(printf '%04d' $((RANDOM % 10000)))"
    sum=0
    for i in 0 1 2 3 4 5 6 7; do sum=$((sum + ${digits:$i:1} * (9 - i))); done
    check=$((sum % 11))
    [[ $check -lt 10 ]] && { echo "$digits$check"; return; }
  done
}

header_of() { # name, from the last response's headers
  grep -i "^$1:" /tmp/inzage-smoke.headers | tail -n 1 | cut -d: -f2 | tr -d ' \r'
}

posted() { # url token content-type body: 201, headers kept
  local got
  got="$(curl -sS --max-time 10 -o /tmp/inzage-smoke.body -D /tmp/inzage-smoke.headers -w '%{http_code}' "$@")"
  [[ "$got" == 201 || "$got" == 200 ]] || { echo "expected HTTP 201/200, got $got: $(head -c 500 /tmp/inzage-smoke.body)"; return 1; }
}

# A client new at each run (the local databases outlive the broker's topics, so the demo client's
# state may not be what a check expects): her consent at 00000101 and a treatment relationship
# there, written at consent- and relationship-service like a source system does.
FRESH_BSN=""
FRESH_CONSENT=""
fresh_client_registered() {
  local source
  FRESH_BSN="$(fresh_bsn)"
  source="$("$TOKEN" --client source-00000101 source-00000101-secret)"
  posted -X POST -H "Authorization: Bearer $source" -H 'Content-Type: application/fhir+json' \
    --data-binary "$(sed "s/999993653/$FRESH_BSN/" "$LOCAL/demo/consent-00000101.json")" http://127.0.0.1:8081/fhir/Consent || return 1
  FRESH_CONSENT="$(cat /tmp/inzage-smoke.body)"
  FRESH_CONSENT_REV="$(header_of X-Consent-Revision)"
  posted -X POST -H "Authorization: Bearer $source" -H 'Content-Type: application/json' \
    --data "{\"patient\":\"$FRESH_BSN\",\"organization\":\"00000101\",\"organizationType\":\"G3\",\"kind\":\"treatment\",\"start\":\"2026-01-01\"}" \
    http://127.0.0.1:8082/relationships || return 1
  FRESH_RELATIONSHIP_REV="$(header_of X-Relationship-Revision)"
}

# consent-service -> Kafka -> gateway, decided at the revisions the writes returned: the new client's
# consent and relationship permit at once; after her withdrawal, a decision at the withdrawal's
# revision denies, however fast it is asked.
withdrawal_denies_at_its_revision() {
  local source ask id consent_rev
  source="$("$TOKEN" --client source-00000101 source-00000101-secret)"
  ask="$(evaluation verloskundige 900000101 00000101 G3 00000101 pregnancy "$FRESH_BSN")"
  decide true "$ask" -H "X-Relationship-Revision: $FRESH_RELATIONSHIP_REV" -H "X-Consent-Revision: $FRESH_CONSENT_REV" || return 1
  id="$(grep -o '"id" *: *"[^"]*"' <<<"$FRESH_CONSENT" | head -n 1 | sed 's/.*"\([^"]*\)"$/\1/')"
  curl -sS --max-time 10 -o /tmp/inzage-smoke.body -D /tmp/inzage-smoke.headers -X PUT \
    -H "Authorization: Bearer $source" -H 'Content-Type: application/fhir+json' \
    --data-binary "$(sed -E '0,/"status" *: *"active"/s//"status":"inactive"/' <<<"$FRESH_CONSENT")" \
    "http://127.0.0.1:8081/fhir/Consent/$id" >/dev/null || return 1
  consent_rev="$(header_of X-Consent-Revision)"
  [[ -n "$consent_rev" ]] || { echo "the withdrawal returned no X-Consent-Revision: $(head -c 300 /tmp/inzage-smoke.body)"; return 1; }
  decide false "$ask" -H "X-Consent-Revision: $consent_rev" && body_has consent-withdrawn
}

audit_shows_decisions() {
  local token
  token="$("$TOKEN" privacy-officer)"
  for _ in $(seq 1 20); do
    status_is 200 -H "Authorization: Bearer $token" "http://127.0.0.1:8083/audit/events?patient=999993653" \
      && grep -q '"decision":"permit"' /tmp/inzage-smoke.body && return 0
    sleep 1
  done
  echo "no permit for the demo client in the audit log: $(head -c 500 /tmp/inzage-smoke.body)"
  return 1
}

batch_answers_each() {
  local one two
  one="$(evaluation verloskundige 900000101 00000101 G3 00000101 pregnancy)"
  two="$(evaluation kraamverzorgende 900000301 00000301 K4 00000101 ultrasound)"
  status_is 200 -X POST -H "Authorization: Bearer $PEP" -H 'Content-Type: application/json' \
    --data "{\"evaluations\":[$one,$two],\"options\":{\"evaluations_semantic\":\"execute_all\"}}" \
    http://127.0.0.1:8080/access/v1/evaluations \
    && body_has '"evaluations":\[{"decision":true' && body_has '"decision":false'
}

access_request() { # token bsn: 201 for a client new to the organisation, with the relationship and its revision
  local got
  got="$(curl -sS --max-time 15 -o /tmp/inzage-smoke.body -D /tmp/inzage-smoke.headers -w '%{http_code}' -X POST \
    -H "Authorization: Bearer $1" -H 'Content-Type: application/json' --data '{"reason":"smoke: toegang vragen"}' \
    "http://127.0.0.1:8080/viewer/patients/$2/access-request")"
  [[ "$got" == "201" ]] || { echo "expected HTTP 201, got $got: $(head -c 500 /tmp/inzage-smoke.body)"; return 1; }
  grep -qi '^X-Relationship-Revision: [0-9]' /tmp/inzage-smoke.headers || { echo "no X-Relationship-Revision header"; return 1; }
  body_has '"kind":"access-request"'
}

# Mitz (consent-service README "Connecting to Mitz"), against the simulator: a relationship at
# 00000201 (a data holder that uses Mitz) registers the client there; with no choice anywhere the
# gateway asks Mitz and denies; her permit made at Mitz reaches the gateway through consent.events
# and permits; that permit is recorded back at Mitz; her refusal at Mitz then denies.
mitz_flows() {
  local source bsn ask i
  source="$("$TOKEN" --client source-00000201 source-00000201-secret)"
  bsn="$(fresh_bsn)"
  posted -X POST -H "Authorization: Bearer $source" -H 'Content-Type: application/json' \
    --data "{\"patient\":\"$bsn\",\"organization\":\"00000201\",\"organizationType\":\"V4\",\"kind\":\"treatment\",\"start\":\"2026-01-01\"}" \
    http://127.0.0.1:8082/relationships || return 1
  for i in $(seq 1 30); do
    curl -sS --max-time 5 -o /tmp/inzage-smoke.body http://127.0.0.1:8095/admin/subscriptions && grep -q "patientid=$bsn" /tmp/inzage-smoke.body && break
    sleep 1
  done
  body_has "patientid=$bsn&providerid=00000201&providertype=V4" || return 1
  ask="$(evaluation gynaecoloog 900000201 00000201 V4 00000201 ultrasound "$bsn")"
  decide false "$ask" && body_has mitz-no-permit || return 1
  status_is 200 -X PUT --data "{\"id\":\"smoke-$bsn\",\"bsn\":\"$bsn\",\"holderUra\":\"00000201\",\"holderType\":\"V4\",\"permit\":true,\"providerCategories\":[\"RPZAC104\"]}" \
    http://127.0.0.1:8095/admin/choices && body_has '"pushed":1' || return 1
  for i in $(seq 1 30); do decide true "$ask" >/dev/null 2>&1 && break; sleep 1; done
  decide true "$ask" || return 1
  for i in $(seq 1 30); do
    curl -sS --max-time 5 -o /tmp/inzage-smoke.body http://127.0.0.1:8095/admin/usage && grep -q "$bsn" /tmp/inzage-smoke.body && break
    sleep 1
  done
  body_has "$bsn" || return 1
  status_is 200 -X PUT --data "{\"id\":\"smoke-$bsn\",\"bsn\":\"$bsn\",\"holderUra\":\"00000201\",\"holderType\":\"V4\",\"permit\":false,\"providerCategories\":[\"RPZAC104\"]}" \
    http://127.0.0.1:8095/admin/choices || return 1
  for i in $(seq 1 30); do decide false "$ask" >/dev/null 2>&1 && break; sleep 1; done
  decide false "$ask" && body_has consent-refused
}

# Issue 11: no Kafka key on any topic of the stack holds a BSN in clear, after everything above has written
# to every topic. Every BSN the stack has seen here is of the test range (9999…, passing the 11-test); a
# key with such a run of digits is a leak (a random id has one with a chance of about 1 in 10^6).
# Keys are resource, event and grant ids (AsyncAPI).
no_kafka_key_is_a_bsn() {
  local keys records bad
  keys="$("$LOCAL/kafka.sh" keys)"
  records="$(grep -c . <<<"$keys" || true)"
  [[ "$records" -gt 0 ]] || { echo "no records read"; return 1; }
  bad="$(python3 -c '
import re, sys
def bsn(d):
    return sum(int(c) * w for c, w in zip(d, [9, 8, 7, 6, 5, 4, 3, 2, -1])) % 11 == 0
for line in sys.stdin:
    topic, _, key = line.rstrip("\n").partition("\t")
    if any(bsn(m) for m in re.findall(r"(?<![0-9])9999[0-9]{5}(?![0-9])", key)):
        print(topic, key)
' <<<"$keys")"
  echo "$records records' keys read"
  [[ -z "$bad" ]] || { echo "keys that are a BSN: $(head -n 5 <<<"$bad")"; return 1; }
}

audit_chain_intact() {
  status_is 200 -H "Authorization: Bearer $("$TOKEN" privacy-officer)" http://127.0.0.1:8083/audit/verify \
    && body_has '"intact":true'
}

nothing_of_ours_runs() {
  local left
  left="$(pgrep -af "$ROOT/(\.dev|[a-z-]+/target/(quarkus-app|mitz-simulator))" || true)"
  [[ -z "$left" ]] || { echo "still running: $left"; return 1; }
}

was_up=0
"$LOCAL/services.sh" status >/dev/null 2>&1 && was_up=1

echo "smoke: ./dev up"
if ! "$ROOT/dev" up; then
  echo "smoke: ./dev up failed"
  echo "smoke: 0 passed, 1 failed"
  [[ $was_up -eq 1 ]] || "$ROOT/dev" down
  exit 1
fi

echo "smoke: checks"
check "all services and both simulators report ready" "$LOCAL/services.sh" status
check "Keycloak serves the geboortezorg realm" status_is 200 http://127.0.0.1:8180/realms/geboortezorg/.well-known/openid-configuration
check "Kafka broker runs" "$LOCAL/kafka.sh" status
VERLOSKUNDIGE="$("$TOKEN" verloskundige)"
CLIENT="$("$TOKEN" client)"
PEP="$("$TOKEN" --client pep pep-secret)"
check "password-grant token for verloskundige reaches the gateway's viewer" \
  status_is 200 -H "Authorization: Bearer $VERLOSKUNDIGE" http://127.0.0.1:8080/viewer/patients/999993653
check "the viewer shows the demo consents" body_has '"organization":"00000101"'
check "no token: 401" status_is 401 http://127.0.0.1:8080/viewer/patients/999993653
check "client token on the decision API: 403" status_is 403 -X POST -H "Authorization: Bearer $CLIENT" \
  -H 'Content-Type: application/json' --data '{}' http://127.0.0.1:8080/access/v1/evaluation
check "pep: verloskundige with consent and relationship is permitted" \
  decide true "$(evaluation verloskundige 900000101 00000101 G3 00000101 pregnancy)"
check "pep: kraamverzorgende without relationship is denied" \
  decide false "$(evaluation kraamverzorgende 900000301 00000301 K4 00000101 pregnancy)"
check "the privacy officer sees the permit in the audit log" audit_shows_decisions
check "pep: a batch of evaluations answers each entry" batch_answers_each
JGZ="$("$TOKEN" jgz)"
check "jgz: emergency access without a reason is refused" status_is 400 -X POST -H "Authorization: Bearer $JGZ" \
  -H 'Content-Type: application/json' --data '{}' http://127.0.0.1:8080/viewer/patients/999993653/emergency-access
check "jgz: emergency access with a reason is granted" status_is 201 -X POST -H "Authorization: Bearer $JGZ" \
  -H 'Content-Type: application/json' --data '{"reason":"smoke: spoed"}' http://127.0.0.1:8080/viewer/patients/999993653/emergency-access
check "pep: jgz under emergency access is permitted newborn data" \
  decide true "$(evaluation jgz 900000501 00000501 JGZ 00000101 newborn)"
check "source system 00000101 registers a new client's consent and relationship" fresh_client_registered
HUISARTS="$("$TOKEN" huisarts)"
check "huisarts: the access request goes through the gateway to relationship-service" access_request "$HUISARTS" "$FRESH_BSN"
check "pep: huisarts is permitted right after the access request" \
  decide true "$(evaluation huisarts 900000401 00000401 Z3 00000101 pregnancy "$FRESH_BSN")"
check "a withdrawal at consent-service denies the next decision at its revision" withdrawal_denies_at_its_revision
check "Mitz: subscription, closed question, a choice at Mitz reaching the gateway, usage, refusal" mitz_flows
check "the audit log's hash chain verifies" audit_chain_intact
check "no Kafka key on any topic is a BSN" no_kafka_key_is_a_bsn
check "the gateway's projections equal the databases (./dev reconcile)" "$ROOT/dev" reconcile

# The web pages in a real browser (tests/browser: Playwright with Debian's Chromium), against this stack.
if [[ "${SMOKE_BROWSER:-1}" == 1 ]]; then
  echo "smoke: browser tests (mvn -f tests/browser/pom.xml verify; screenshots in tests/browser/target/screenshots)"
  if mvn -B -Dstyle.color=never -f "$ROOT/tests/browser/pom.xml" verify >/tmp/inzage-browser.out 2>&1; then
    passed=$((passed + 1))
    echo "  ok    the web pages work in Chromium ($(grep -Eo 'Tests run: [0-9]+, Failures: 0, Errors: 0' /tmp/inzage-browser.out | tail -n 1))"
  else
    failed=$((failed + 1))
    echo "  FAIL  the web pages in Chromium (tests/browser); the end of the output:"
    grep -E 'Tests run|FAIL|ERROR|expected|Expected|violations|at nl\.inzage' /tmp/inzage-browser.out | head -n 60 | sed 's/^/        /'
  fi
fi

if [[ $was_up -eq 0 ]]; then
  echo "smoke: ./dev down"
  "$ROOT/dev" down
  check "./dev down leaves no process of ours" nothing_of_ours_runs
else
  echo "smoke: the stack was already up; leaving it up"
fi

echo "smoke: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
