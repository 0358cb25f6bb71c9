#!/usr/bin/env bash
# The reliability and security suite (issue 11, RELIABILITY.md), as far as it is built:
#   1. the hostile-input and forged-token suite of every service (HostileInputIT, one per module), against the
#      real PostgreSQL test databases and a Kafka broker of its own;
#   2. the gateway's rate limits (RateLimitIT, TokenBucketsTest);
#   3. Jazzer fuzzing of the parsers of what callers send (the *FuzzTest classes: FHIR Consent, Mitz notifications,
#      AuthZEN), one fuzz test per JVM run, CHAOS_FUZZ_SECONDS each; mvn verify only replays their seeds;
#   4. a summary of the numbers the suites wrote to <module>/target/reliability/*.json, and of the fuzzing;
#   5. the fault suite against a whole stack of its own (tests/faults.sh --full: kill -9 of each service, the broker
#      stopped, PostgreSQL restarted, poison messages, a 30-minute soak at 2,000 decisions/s; CHAOS_FAULTS=0 skips it).
# The same suites run in ./dev test (mvn verify); this runs only them, and prints the tables for RELIABILITY.md.
#
# Environment: CHAOS_KAFKA_PORT (default 19092, the test broker's port; started here when not running),
# CHAOS_DB_SUFFIX (default "test": databases consent_test, relationship_test, audit_test), CHAOS_MODULES,
# CHAOS_FUZZ_SECONDS (default 60 per fuzz test; 0 skips fuzzing), CHAOS_FUZZ_TARGETS ("module:Class#method ...").
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
PORT="${CHAOS_KAFKA_PORT:-19092}"
SUFFIX="${CHAOS_DB_SUFFIX:-test}"
MODULES="${CHAOS_MODULES:-consent-service relationship-service audit-service access-gateway}"
FUZZ_SECONDS="${CHAOS_FUZZ_SECONDS:-60}"
FUZZ_TARGETS="${CHAOS_FUZZ_TARGETS:-consent-service:ConsentReaderFuzzTest#consentBody \
  consent-service:MitzConsentReaderFuzzTest#xmlNotification consent-service:MitzConsentReaderFuzzTest#jsonNotification \
  access-gateway:AuthzenRequestsFuzzTest#evaluation access-gateway:AuthzenRequestsFuzzTest#evaluations}"

# Like ./dev test: the PostgreSQL server and its test databases (created when missing, as on a fresh machine), and
# a test broker started empty unless one is kept running; then the databases start empty too.
deploy/local/postgres.sh ensure
broker_was_running=0
KAFKA_INSTANCE=test KAFKA_TEST_PORT="$PORT" deploy/local/kafka.sh status >/dev/null 2>&1 && broker_was_running=1
if [[ $broker_was_running -eq 0 ]]; then
  rm -rf "$ROOT/.dev/kafka-test/data"
  [[ "$SUFFIX" == test ]] && deploy/local/postgres.sh reset-test
fi
KAFKA_INSTANCE=test KAFKA_TEST_PORT="$PORT" deploy/local/kafka.sh start
stop_broker() {
  [[ $broker_was_running -eq 1 ]] || KAFKA_INSTANCE=test KAFKA_TEST_PORT="$PORT" deploy/local/kafka.sh stop || true
}
trap stop_broker EXIT

mkdir -p "$ROOT/.dev"
# The parent POM (.) too: on a fresh machine nothing of this build is in the local repository yet.
mvn -B -q -Dstyle.color=never -pl .,contracts,outbox,security-log,mitz-simulator install -DskipTests
rc=0
for module in $MODULES; do
  case "$module" in
    consent-service) db="consent_$SUFFIX" ;;
    relationship-service) db="relationship_$SUFFIX" ;;
    audit-service) db="audit_$SUFFIX" ;;
    *) db="" ;;
  esac
  its="HostileInputIT"
  units="none"
  if [[ "$module" == access-gateway ]]; then its="HostileInputIT,RateLimitIT"; units="TokenBucketsTest"; fi
  echo "chaos: $module ($its)"
  mvn -B -Dstyle.color=never -pl "$module" verify -Dtest="$units" -Dit.test="$its" \
    -Dsurefire.failIfNoSpecifiedTests=false ${db:+-D%test.inzage.db.name=$db} \
    -Dinzage.kafka.bootstrap=127.0.0.1:"$PORT" > "$ROOT/.dev/chaos-$module.log" 2>&1 || { rc=1; echo "chaos: $module FAILED (.dev/chaos-$module.log)"; }
done

# Fuzzing: Jazzer fuzzes one @FuzzTest per JVM run. @FuzzTest(maxDuration) is fixed in the code (60s); the
# libFuzzer flag given through Jazzer's JUnit parameters jazzer.internal.arg.N comes after it and wins
# (jazzer-junit 0.24.0). A finding fails the run and is written to the test's Inputs directory
# (src/test/resources/<package>/<Class>Inputs/<method>/crash-*): fix it, and commit the file as a regression seed.
fuzz_summary="$ROOT/.dev/chaos-fuzz-summary.tsv"
: > "$fuzz_summary"
if [[ "$FUZZ_SECONDS" -gt 0 ]]; then
  for target in $FUZZ_TARGETS; do
    module="${target%%:*}"; test="${target#*:}"
    log="$ROOT/.dev/chaos-fuzz-${test//#/-}.log"
    echo "chaos: fuzzing $module $test for ${FUZZ_SECONDS}s"
    status=ok
    JAZZER_FUZZ=1 mvn -B -Dstyle.color=never -pl "$module" test -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
      -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time="$FUZZ_SECONDS" > "$log" 2>&1 || status=FAILED
    done_line="$(grep -E '^Done [0-9]+ runs in' "$log" | tail -1 || true)"
    stats="$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 | grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [^ ]+' || true)"
    finding="$(grep -oE 'Test unit written to [^ ]+' "$log" | tail -1 | sed 's/Test unit written to //' || true)"
    if [[ "$status" == FAILED ]]; then rc=1; echo "chaos: fuzzing $test FAILED (${finding:-see $log})"; fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$module" "$test" "$status" "${done_line:-no fuzzing run}" "${stats:--}" "${finding:--}" >> "$fuzz_summary"
  done
fi

python3 - "$ROOT" <<'PY'
import json, glob, sys, os
root = sys.argv[1]
rows = []
for f in sorted(glob.glob(os.path.join(root, '*', 'target', 'reliability', 'hostile-input-*.json'))):
    d = json.load(open(f))
    rows.append((d['service'], d['operations'], d['tried'], d['statuses'], d.get('status5xx', 0), d['failures'],
                 d.get('refusalLogLines', '-'), d.get('logLinesChecked', '-')))
print("| service | operations | requests | status codes seen | 5xx | failures | refusal log lines | log lines checked |")
print("|---|---|---|---|---|---|---|---|")
for r in rows:
    codes = ", ".join(f"{k}: {v}" for k, v in r[3].items())
    print(f"| {r[0]} | {r[1]} | {r[2]} | {codes} | {r[4]} | {r[5]} | {r[6]} | {r[7]} |")
fuzz = os.path.join(root, '.dev', 'chaos-fuzz-summary.tsv')
lines = [l.rstrip('\n').split('\t') for l in open(fuzz)] if os.path.exists(fuzz) else []
if lines:
    print()
    print("| module | fuzz test | result | executions (Jazzer) | coverage at the end | finding |")
    print("|---|---|---|---|---|---|")
    for l in lines:
        print("| " + " | ".join(l) + " |")
PY
if [[ "${CHAOS_FAULTS:-1}" == 1 ]]; then
  # Its own broker and PostgreSQL cluster; the test broker above is stopped first (it listens on other ports anyway).
  stop_broker
  echo "chaos: the fault suite (tests/faults.sh --full)"
  "$ROOT/tests/faults.sh" --full || { rc=1; echo "chaos: the fault suite FAILED (.dev/faults-mvn.log)"; }
fi
exit $rc
