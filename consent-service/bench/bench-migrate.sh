#!/usr/bin/env bash
# Consent migration benchmark (not a test): generates a CSV export of ROWS consents, runs the
# packaged consent-service alone with -Xmx512m, migrates the file with deploy/local/migrate.sh
# (./dev migrate) while sampling the service's heap every second (jstat), stops it, and adds a line
# with rows, time, rate and peak heap to the "Consent migration" section of BENCHMARKS.md.
#
#   consent-service/bench/bench-migrate.sh [--dry-run] [ROWS]     (default 1000000)
#
# BENCH_MAX_SECONDS stops the run after that long (the line then says how many records were done).
#
# The service runs on port BENCH_PORT (default 18481) against the database BENCH_DB (default
# consent_test; it must exist, owned by consent) and the test broker (KAFKA_TEST_PORT, default 19092:
# start it with KAFKA_INSTANCE=test deploy/local/kafka.sh start), never the ./dev up stack's database
# and topics: a million consents there would burden every later ./dev up (the gateway reads
# consent.events from the beginning). It needs a Keycloak at 127.0.0.1:8180 for the operator's
# token: one already running (a shared one, or the ./dev up stack's) is used as it is, and neither
# locked nor stopped; otherwise the script takes the stack lock (/tmp/inzage-stack.lock;
# BENCH_LOCK_HELD=1 when the caller holds it) and starts and stops Keycloak itself. The service
# writes a GC log (.dev/bench/gc.log) besides the jstat samples: its largest heap after a
# collection is the live set, the jstat peak also counts garbage not yet collected. A test run
# against consent_test wipes it (Flyway clean at test start), but not the test broker: a real run
# leaves its events on consent.events, which slows tests that read that topic from the beginning;
# restart the test broker empty afterwards (stop it, remove .dev/kafka-test/data).
set -euo pipefail

ROOT="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
cd "$ROOT"
mode=import
flag=""
if [[ "${1:-}" == --dry-run ]]; then mode="dry run"; flag=--dry-run; shift; fi
rows="${1:-1000000}"
work="$ROOT/.dev/bench"
mkdir -p "$work/spool"
file="$work/migrate-$rows.csv"
echo "bench-migrate: generating $rows rows"
# Clients of their own each run (the offset moves every minute), so a real run never meets earlier runs' clients.
python3 consent-service/bench/generate-migration-csv.py "$rows" $(( $(date +%s) / 60 % 70 )) >"$file"
bytes=$(stat -c %s "$file")
# BENCH_JAR: another copy of the packaged service (e.g. one a build running meanwhile will not replace).
jar="${BENCH_JAR:-$ROOT/consent-service/target/quarkus-app/quarkus-run.jar}"
[[ -f "$jar" ]] || { echo "bench-migrate: build first: mvn -B -DskipTests package -pl consent-service -am" >&2; exit 1; }

export ROWS="$rows" MODE="$mode" FILE="$file" WORK="$work" FLAG="$flag" JAR="$jar"
export BENCH_PORT="${BENCH_PORT:-18481}" BENCH_DB="${BENCH_DB:-consent_test}"
lock=(flock /tmp/inzage-stack.lock)
export OWN_KEYCLOAK=1
if curl -fsS --max-time 5 http://127.0.0.1:8180/realms/geboortezorg >/dev/null 2>&1; then
  # A Keycloak is up (shared, or a stack's): use it, hold no lock, and leave it running.
  echo "bench-migrate: using the Keycloak already running at 127.0.0.1:8180"
  OWN_KEYCLOAK=0
  lock=()
fi
# BENCH_LOCK_HELD=1: the caller already holds the stack lock (a session that runs more than this).
[[ "${BENCH_LOCK_HELD:-}" == 1 ]] && lock=()
"${lock[@]}" bash -c '
  set -euo pipefail
  if [[ $OWN_KEYCLOAK == 1 ]]; then
    deploy/local/keycloak.sh start >"$WORK/keycloak.log" 2>&1 || { tail -n 20 "$WORK/keycloak.log"; exit 1; }
  fi
  rm -f "$WORK/gc.log"
  QUARKUS_HTTP_PORT=$BENCH_PORT DB_NAME=$BENCH_DB KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:${KAFKA_TEST_PORT:-19092} \
    MIGRATION_SPOOL_DIR="$WORK/spool" setsid java -Xmx512m -Xlog:gc:file="$WORK/gc.log" -jar "$JAR" >"$WORK/consent-service.log" 2>&1 </dev/null &
  pid=$!
  # "|| true": wait answers 143 for the killed service, which under set -e would end the trap (and the
  # script) before the result is written.
  trap "kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; [[ $OWN_KEYCLOAK == 1 ]] && deploy/local/keycloak.sh stop >/dev/null 2>&1 || true" EXIT
  until curl -fsS --max-time 2 http://127.0.0.1:$BENCH_PORT/q/health/ready >/dev/null 2>&1; do
    kill -0 $pid 2>/dev/null || { tail -n 30 "$WORK/consent-service.log"; exit 1; }
    sleep 2
  done
  # Heap in use (survivors + eden + old, KiB) every second; its maximum is the peak.
  ( while kill -0 $pid 2>/dev/null; do
      jstat -gc $pid 2>/dev/null | awk "NR==1{for(i=1;i<=NF;i++)h[\$i]=i} NR==2{print \$h[\"S0U\"]+\$h[\"S1U\"]+\$h[\"EU\"]+\$h[\"OU\"]}"
      sleep 1
    done ) >"$WORK/heap.kib" &
  sampler=$!
  start=$(date +%s.%N)
  CONSENT_URL=http://127.0.0.1:$BENCH_PORT MIGRATE_POLL=2 timeout "${BENCH_MAX_SECONDS:-0}" deploy/local/migrate.sh $FLAG "$FILE" \
    | tee "$WORK/migrate.log" || true
  end=$(date +%s.%N)
  kill $sampler 2>/dev/null || true
  peak=$(sort -n "$WORK/heap.kib" | tail -n 1)
  seconds=$(echo "$end - $start" | bc)
  processed=$(grep -o "records [0-9]*" "$WORK/migrate.log" | tail -n 1 | cut -d" " -f2)
  grep -q "migrate: finished" "$WORK/migrate.log" || MODE="$MODE, stopped by BENCH_MAX_SECONDS=$BENCH_MAX_SECONDS"
  # The GC log: the largest heap after a collection (the live set, at most) and before one.
  after_gc=$(grep -o "[0-9]*M->[0-9]*M" "$WORK/gc.log" | sed "s/.*->//; s/M//" | sort -n | tail -n 1)
  before_gc=$(grep -o "[0-9]*M->[0-9]*M" "$WORK/gc.log" | sed "s/M->.*//" | sort -n | tail -n 1)
  printf "%s|%s|%s|%.0f|%.0f|%.0f|%s|%s\n" "$(date -u +%Y-%m-%d)" "$MODE" "$processed of $ROWS" "$seconds" "$(echo "${processed:-0} / $seconds" | bc -l)" \
    "$(echo "$peak / 1024" | bc -l)" "${after_gc:-?}" "${before_gc:-?}" >"$WORK/result"
  { grep "totals:" "$WORK/migrate.log" || echo "migrate: totals: (not finished)"; } | tail -n 1 | sed "s/^migrate: totals: //" >>"$WORK/result"
'

IFS='|' read -r day run_mode n seconds rate peak after_gc before_gc <"$work/result"
totals="$(sed -n 2p "$work/result")"
line="| $day | $run_mode | $n | $((bytes / 1024 / 1024)) MiB | $seconds s | $rate rows/s | $peak MiB (GC log: at most $before_gc MiB before a collection, $after_gc MiB after) | $totals |"
if ! grep -q '^## Consent migration' BENCHMARKS.md 2>/dev/null; then
  [[ -f BENCHMARKS.md ]] || printf '# Benchmarks\n\nMeasured on the development machine (2 cores, shared with other work), never in timed tests.\n' >BENCHMARKS.md
  cat >>BENCHMARKS.md <<'TXT'

## Consent migration

`consent-service/bench/bench-migrate.sh [--dry-run] [ROWS]`: a generated CSV export (90% valid,
4% incomplete, 3% invalid, 3% not migratable), uploaded with `deploy/local/migrate.sh` (what
`./dev migrate` runs) to the packaged consent-service running alone with `-Xmx512m` (test database,
test broker). Time is from the upload's start to the job's end, wall clock; peak heap is the
largest heap in use (survivors + eden + old) of the samples `jstat` took every second.

| date | run | records done | file | time | rate | peak heap (limit 512 MiB) | totals |
|---|---|---|---|---|---|---|---|
TXT
fi
echo "$line" >>BENCHMARKS.md
echo "bench-migrate: $line"
