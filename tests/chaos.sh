#!/usr/bin/env bash
# The reliability and security suite (issue 11, RELIABILITY.md), as far as it is built:
#   1. the hostile-input and forged-token suite of every service (HostileInputIT, one per module), against the
#      real PostgreSQL test databases and a Kafka broker of its own;
#   2. the gateway's rate limits (RateLimitIT, TokenBucketsTest);
#   3. a summary of the numbers the suites wrote to <module>/target/reliability/*.json.
# The same suites run in ./dev test (mvn verify); this runs only them, and prints the table for RELIABILITY.md.
#
# Environment: CHAOS_KAFKA_PORT (default 19092, the test broker's port; started here when not running),
# CHAOS_DB_SUFFIX (default "test": databases consent_test, relationship_test, audit_test), CHAOS_MODULES.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
PORT="${CHAOS_KAFKA_PORT:-19092}"
SUFFIX="${CHAOS_DB_SUFFIX:-test}"
MODULES="${CHAOS_MODULES:-consent-service relationship-service audit-service access-gateway}"

broker_was_running=0
KAFKA_INSTANCE=test KAFKA_TEST_PORT="$PORT" deploy/local/kafka.sh status >/dev/null 2>&1 && broker_was_running=1
KAFKA_INSTANCE=test KAFKA_TEST_PORT="$PORT" deploy/local/kafka.sh start
stop_broker() {
  [[ $broker_was_running -eq 1 ]] || KAFKA_INSTANCE=test KAFKA_TEST_PORT="$PORT" deploy/local/kafka.sh stop || true
}
trap stop_broker EXIT

mvn -B -q -Dstyle.color=never -pl contracts,outbox install -DskipTests
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
PY
exit $rc
