#!/usr/bin/env bash
# Issue 11's faults against the whole stack (tests/faults: StackFaultsIT): kill -9 of each service, the Kafka
# broker stopped for 30 s, PostgreSQL stopped and restarted, poison messages on every consumed topic and a
# soak, all under a steady load of writes and decisions, each followed by the exactly-once checks.
#
#   tests/faults.sh [--short|--full]   --short (default, part of ./dev test): a 60 s soak at 500 decisions/s;
#                                      --full (./dev chaos): 30 minutes at 2,000 decisions/s
#
# The suite runs the stack of ./dev up on a PostgreSQL cluster of its own (tests/faults/postgres.sh, port
# FAULTS_PGPORT, default 55432: the machine's server is never stopped) and an empty local broker; the local
# broker's data is set aside meanwhile and put back afterwards. It refuses to run while a ./dev up stack is up.
# Numbers: tests/faults/target/reliability/faults.json (RELIABILITY.md); logs: .dev/logs/.
# Environment: DEV_SKIP_BUILD=1 when the services are packaged already (./dev test), FAULTS_SOAK, FAULTS_SOAK_RATE.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
LOCAL="$ROOT/deploy/local"
cd "$ROOT"
MODE="${1:---short}"
case "$MODE" in
  --short) SOAK="${FAULTS_SOAK:-PT60S}"; SOAK_RATE="${FAULTS_SOAK_RATE:-500}" ;;
  --full) SOAK="${FAULTS_SOAK:-PT30M}"; SOAK_RATE="${FAULTS_SOAK_RATE:-2000}" ;;
  *) sed -n '2,13s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
esac

if "$LOCAL/services.sh" status >/dev/null 2>&1 || "$LOCAL/kafka.sh" status >/dev/null 2>&1; then
  echo "faults: a ./dev up stack (or its broker) is running; stop it first (./dev down): the fault suite runs a stack of its own" >&2
  exit 1
fi

export FAULTS_PGPORT="${FAULTS_PGPORT:-55432}"
export PGPORT="$FAULTS_PGPORT" PGHOST=127.0.0.1
export PGSUPERUSER_CMD="psql -h 127.0.0.1 -p $FAULTS_PGPORT -U postgres -d postgres"
# A staleness limit well within the 30 s outage, so the gateway is seen closing (the default is 30 s).
export INZAGE_GATEWAY_STALENESS_LIMIT=PT15S

stash="$ROOT/.dev/kafka/data.before-faults"
if [[ -d "$ROOT/.dev/kafka/data" ]]; then
  rm -rf "$stash"
  mv "$ROOT/.dev/kafka/data" "$stash"
fi
cleanup() {
  "$ROOT/dev" down >/dev/null 2>&1 || true
  tests/faults/postgres.sh destroy >/dev/null 2>&1 || true
  rm -rf "$ROOT/.dev/kafka/data"
  [[ -d "$stash" ]] && mv "$stash" "$ROOT/.dev/kafka/data"
  # The services' logs of the suite stay, for the privacy check's reader.
  mkdir -p "$ROOT/.dev/faults-logs" && cp "$ROOT"/.dev/logs/*.log "$ROOT/.dev/faults-logs/" 2>/dev/null || true
}
trap cleanup EXIT

mkdir -p "$ROOT/.dev/logs"
tests/faults/postgres.sh destroy >/dev/null
tests/faults/postgres.sh start
# Fresh logs: the privacy check reads the whole of each service's log of this run.
rm -f "$ROOT"/.dev/logs/*.log
echo "faults: ./dev up on 127.0.0.1:$FAULTS_PGPORT"
"$ROOT/dev" up >"$ROOT/.dev/faults-up.log" 2>&1 || { echo "faults: ./dev up failed:"; tail -n 30 "$ROOT/.dev/faults-up.log"; exit 1; }

echo "faults: StackFaultsIT (soak $SOAK at $SOAK_RATE decisions/s)"
rc=0
rm -f tests/faults/target/faults-scripts.log
mvn -B -Dstyle.color=never -f tests/faults/pom.xml verify -Dfaults.soak="$SOAK" -Dfaults.soak-rate="$SOAK_RATE" \
  >"$ROOT/.dev/faults-mvn.log" 2>&1 || rc=$?
grep -E "Tests run:|FAIL|AssertionError|Expect|not within" "$ROOT/.dev/faults-mvn.log" | head -n 40 || true
# The numbers, as the table RELIABILITY.md shows.
python3 - "$ROOT/tests/faults/target/reliability/faults.json" <<'PY' || true
import json, sys
d = json.load(open(sys.argv[1]))
print("| fault | consents acked / in DB (versions) | relationships acked / in DB (versions) | clients stored twice | permits answered / without audit record | audit duplicates | reconciliation | sampled clients denied after |")
print("|---|---|---|---|---|---|---|---|")
for name, e in d.items():
    if isinstance(e, dict) and "consentsAcknowledged" in e and "reconciliation" in e:
        print(f"| {name} | {e['consentsAcknowledged']} / {e['consentsInDatabase']} ({e['consentVersionsInDatabase']}) "
              f"| {e['relationshipsAcknowledged']} / {e['relationshipsInDatabase']} ({e['relationshipVersionsInDatabase']}) "
              f"| {e.get('clientsStoredTwice', '-')} | {e['permitsAnswered']} / {e['permitsWithoutAuditRecord']} | {e['auditRecordsDuplicated']} | {e['reconciliation']} "
              f"| {len(e['sampledNotPermitted'])} of {e['registeredClientsSampled']} |")
print()
print("| phase | outcomes |")
print("|---|---|")
for phase, outcomes in d.get("outcomesByPhase", {}).items():
    print(f"| {phase} | " + ", ".join(f"{k}: {v}" for k, v in outcomes.items()) + " |")
soak = d.get("soak", {})
if "footprints" in soak:
    print()
    print(f"soak: {soak['duration']} asked {soak['decisionsPerSecondAsked']}/s, answered {soak['decisionsPerSecondAnswered']:.0f}/s")
    print("| service | heap after full GC, MiB (each sample) | open sockets (each sample) |")
    print("|---|---|---|")
    for service, samples in soak["footprints"].items():
        print(f"| {service} | " + ", ".join(f"{s['heapBytes'] / 1048576:.1f}" for s in samples) + " | "
              + ", ".join(str(s["sockets"]) for s in samples) + " |")
for key in ("privacy", "serverErrors", "unavailableThenRetried", "poison messages"):
    if key in d:
        print(); print(f"{key}: " + json.dumps({k: v for k, v in (d[key].items() if isinstance(d[key], dict) else [("list", d[key])]) if k not in ("outcomes",)}))
PY
[[ $rc -eq 0 ]] && echo "faults: passed (tests/faults/target/reliability/faults.json)" || echo "faults: FAILED (.dev/faults-mvn.log)"
exit $rc
