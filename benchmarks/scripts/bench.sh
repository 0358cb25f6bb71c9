#!/usr/bin/env bash
# ./dev bench [--quick]: issue 10's measurements, side by side with their peers, on this machine.
# Benchmarks, not tests: nothing here passes or fails on a number. Raw results (JMH JSON,
# HdrHistogram logs, JSON lines, logs) go to .dev/bench/<date>/ (git-ignored; .dev/bench/latest
# points at the newest); results.md there summarises them for BENCHMARKS.md, and the plot of
# latency against load is latency-vs-load.png.
#
# What runs, all on loopback, on ports of its own (no ./dev up stack is touched):
#   Kafka broker 127.0.0.1:${BENCH_KAFKA_PORT:-19392} (KAFKA_INSTANCE=test, emptied first)
#   access-gateway 8680, audit-service 8683 (database audit_bench), SQL PDP 8686, Cerbos 8684
#   PostgreSQL (shared server; schema pdp in relationship_bench), Keycloak 127.0.0.1:8180 (pep token)
# The load generator runs on CPU 0, the system under test and its broker on CPU 1 (taskset); on a
# 2-core machine they still share caches, memory bandwidth and whatever else runs.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
QUICK=0
[[ "${1:-}" == --quick ]] && QUICK=1
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
OUT="$ROOT/.dev/bench/$STAMP$([[ $QUICK == 1 ]] && echo -quick || true)"
mkdir -p "$OUT"
ln -sfn "$OUT" "$ROOT/.dev/bench/latest"
KAFKA_PORT="${BENCH_KAFKA_PORT:-19392}"
BOOTSTRAP="127.0.0.1:$KAFKA_PORT"
GATEWAY_PORT=8680 CONSENT_PORT=8681 RELATIONSHIP_PORT=8682 AUDIT_PORT=8683 CERBOS_PORT=8684 SQLPDP_PORT=8686 STUB_PORT=8690
STUB_DELAY_MS=20
PG_URL="jdbc:postgresql://${PGHOST:-127.0.0.1}:${PGPORT:-5432}/relationship_bench"
GEN_CPU="${BENCH_GEN_CPU:-0}" SUT_CPU="${BENCH_SUT_CPU:-1}"
if [[ $QUICK == 1 ]]; then
  JMH_ARGS=(-f 1 -wi 1 -w 2s -i 2 -r 2s)
  AGREE_REQUESTS=1024
  # Quick: no 20k step (every target is saturated long before it here), so the whole run stays under 10 minutes.
  HTTP_CLIENTS=2000 RATES=(1000 5000 10000) SECONDS_PER_RATE=5 WARMUP=2 FIRST_WARMUP=5
  PEER_RATES=(1000 5000 10000)
  FOOTPRINT=(100000 300000)
  VIEWER_RATE=20 WITHDRAWALS=20 AUDIT_WAIT=120 AUDIT_FLOOD=50000
else
  JMH_ARGS=(-f 2 -wi 3 -w 2s -i 5 -r 2s)
  AGREE_REQUESTS=65536
  HTTP_CLIENTS=100000 RATES=(1000 5000 10000 20000) SECONDS_PER_RATE=30 WARMUP=10 FIRST_WARMUP=60
  PEER_RATES=(1000 5000 10000 20000)
  FOOTPRINT=(1000000 3000000)
  VIEWER_RATE=50 WITHDRAWALS=200 AUDIT_WAIT=600 AUDIT_FLOOD=1000000 READY_CLIENTS=1000000 READY_WAIT=600
fi
ORGS=1000
# The decision load while withdrawals propagate (item 4): a steady load, well below what the gateway answers here.
PROPAGATION_RATE=1000
PIDS=()
log() { echo "bench: $*" | tee -a "$OUT/bench.log"; }
STARTED_KEYCLOAK=0
cleanup() {
  for pid in "${PIDS[@]:-}"; do [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true; done
  KAFKA_INSTANCE=test KAFKA_TEST_PORT=$KAFKA_PORT "$ROOT/deploy/local/kafka.sh" stop >/dev/null 2>&1 || true
  # The test broker's folder is shared with the tests: leave it empty, not with millions of benchmark events.
  rm -rf "$ROOT/.dev/kafka-test/data"
  [[ $STARTED_KEYCLOAK == 0 ]] || "$ROOT/deploy/local/keycloak.sh" stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
started_at=$(date +%s)

{
  echo "date:    $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "mode:    $([[ $QUICK == 1 ]] && echo quick || echo full)"
  echo "commit:  $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!BENCHMARKS.md' || echo ' (with uncommitted changes)')"
  echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) memory, load at start $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "jvm:     $(java -version 2>&1 | head -n 2 | tail -n 1)"
} | tee "$OUT/machine.txt"

# --- build -------------------------------------------------------------------------------------
# The product modules come from their target/classes; the benchmark module's own dependencies from
# Maven (written by the reactor build, benchmarks being its last module).
CLASSPATH_ARGS=(dependency:build-classpath -DexcludeArtifactIds=access-gateway,contracts
  -Dmdep.outputFile="$OUT/classpath.txt" -Dmdep.includeScope=runtime)
if [[ "${BENCH_SKIP_BUILD:-}" != 1 ]]; then
  log "building the services and benchmarks (mvn -DskipTests package)"
  mvn -B -q -Dstyle.color=never ${MVN_OFFLINE:-} -DskipTests package "${CLASSPATH_ARGS[@]}" \
    -pl consent-service,relationship-service,audit-service,access-gateway,benchmarks -am >"$OUT/build.log" 2>&1 \
    || { tail -n 30 "$OUT/build.log"; exit 1; }
else
  mvn -B -q -Dstyle.color=never ${MVN_OFFLINE:-} "${CLASSPATH_ARGS[@]}" -pl benchmarks >"$OUT/classpath.log" 2>&1 \
    || { cat "$OUT/classpath.log"; exit 1; }
fi
CP="$ROOT/benchmarks/target/classes:$ROOT/access-gateway/target/classes:$ROOT/contracts/target/classes:$(cat "$OUT/classpath.txt")"
bench_java() { java -cp "$CP" "$@"; }

# Tokens come from the local Keycloak: the running one (./dev up's, or another checkout's), else one
# started here and stopped at the end.
if ! curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:8180/realms/geboortezorg"; then
  log "starting Keycloak for the tokens (deploy/local/keycloak.sh)"
  STARTED_KEYCLOAK=1
  "$ROOT/deploy/local/keycloak.sh" start >"$OUT/keycloak.log" 2>&1 || { tail -n 20 "$OUT/keycloak.log"; exit 1; }
fi

# --- 1. decision core (JMH) --------------------------------------------------------------------
log "1. decision core: agreement of the three engines on the workload (100,000 clients x $ORGS organisations)"
bench_java -Xmx2g nl.inzage.bench.Agree 100000 $ORGS $AGREE_REQUESTS | tee "$OUT/agreement.txt"
log "1. decision core: JMH ${JMH_ARGS[*]}"
# Not pinned: no generator runs beside it, and pinning to one core would only halve its share of a
# machine others use too.
java -cp "$CP" org.openjdk.jmh.Main DecisionCoreBenchmark "${JMH_ARGS[@]}" \
  -jvmArgs "-Xmx3g" -rf json -rff "$OUT/jmh.json" >"$OUT/jmh.txt" 2>&1 || { tail -n 30 "$OUT/jmh.txt"; exit 1; }
sed -n '/^Benchmark/,$p' "$OUT/jmh.txt" | grep -v 'p0.[0-9]*[^09]\s' | tee -a "$OUT/bench.log" || true

# --- services ----------------------------------------------------------------------------------
wait_http() { # url seconds
  for _ in $(seq 1 "$2"); do curl -fsS -o /dev/null --max-time 2 "$1" && return 0; sleep 1; done
  echo "bench: $1 not ready after $2 s" >&2; return 1
}
log "Kafka: a fresh broker on $BOOTSTRAP"
KAFKA_INSTANCE=test KAFKA_TEST_PORT=$KAFKA_PORT "$ROOT/deploy/local/kafka.sh" stop >/dev/null 2>&1 || true
rm -rf "$ROOT/.dev/kafka-test/data"
KAFKA_INSTANCE=test KAFKA_TEST_PORT=$KAFKA_PORT "$ROOT/deploy/local/kafka.sh" start >"$OUT/kafka.log" 2>&1
taskset -a -p -c "$SUT_CPU" "$(cat "$ROOT/.dev/pids/kafka-test.pid")" >/dev/null 2>&1 || true
bench_java nl.inzage.bench.PublishWorkload "$BOOTSTRAP" "$HTTP_CLIENTS" $ORGS | tee -a "$OUT/bench.log"

"$ROOT/deploy/local/postgres.sh" ensure >/dev/null 2>&1 || true
for db in audit relationship; do
  su postgres -s /bin/sh -c "psql -h /var/run/postgresql -tAc \"SELECT 1 FROM pg_database WHERE datname='${db}_bench'\"" | grep -q 1 \
    || su postgres -s /bin/sh -c "psql -h /var/run/postgresql -c 'CREATE DATABASE ${db}_bench OWNER ${db}'" >/dev/null
done
su postgres -s /bin/sh -c "psql -h /var/run/postgresql -c 'GRANT CONNECT ON DATABASE audit_bench TO audit_app'" >/dev/null
# A fresh audit log, so counting its records counts this run's decisions.
su postgres -s /bin/sh -c "psql -h /var/run/postgresql -d audit_bench -c 'DROP SCHEMA public CASCADE; CREATE SCHEMA public AUTHORIZATION audit; GRANT USAGE ON SCHEMA public TO audit_app'" >/dev/null

log "starting the stub data holders :$STUB_PORT (${STUB_DELAY_MS} ms)"
taskset -c "$SUT_CPU" java -Xmx256m -cp "$CP" nl.inzage.bench.StubHolder $STUB_PORT "$STUB_DELAY_MS" >"$OUT/stub-holders.log" 2>&1 &
PIDS+=($!); STUB_PID=$!
log "starting audit-service :$AUDIT_PORT and access-gateway :$GATEWAY_PORT on CPU $SUT_CPU"
QUARKUS_HTTP_PORT=$AUDIT_PORT DB_NAME=audit_bench KAFKA_BOOTSTRAP_SERVERS=$BOOTSTRAP \
  taskset -c "$SUT_CPU" java -Xmx512m -jar "$ROOT/audit-service/target/quarkus-app/quarkus-run.jar" >"$OUT/audit-service.log" 2>&1 &
PIDS+=($!); AUDIT_PID=$!
# The gateway's rate limits are off: the load generator is one client at up to 20k/s (README "Rate limits").
gateway_started=$(date +%s%N)
RATE_LIMIT_ENABLED=false QUARKUS_HTTP_PORT=$GATEWAY_PORT KAFKA_BOOTSTRAP_SERVERS=$BOOTSTRAP RELATIONSHIP_SERVICE_URL=http://127.0.0.1:8682 \
  FHIR_00000101=http://127.0.0.1:$STUB_PORT/fhir/00000101 FHIR_00000201=http://127.0.0.1:$STUB_PORT/fhir/00000201 \
  FHIR_00000301=http://127.0.0.1:$STUB_PORT/fhir/00000301 \
  taskset -c "$SUT_CPU" java -Xmx2g -jar "$ROOT/access-gateway/target/quarkus-app/quarkus-run.jar" >"$OUT/access-gateway.log" 2>&1 &
PIDS+=($!); GATEWAY_PID=$!
wait_http "http://127.0.0.1:$GATEWAY_PORT/q/health/ready" 180
gateway_ready_ms=$(( ($(date +%s%N) - gateway_started) / 1000000 ))
log "access-gateway ready (caught up on $HTTP_CLIENTS clients) $gateway_ready_ms ms after start"
echo "{\"clients\":$HTTP_CLIENTS,\"ready_ms\":$gateway_ready_ms}" >"$OUT/gateway-ready.json"
wait_http "http://127.0.0.1:$AUDIT_PORT/q/health/ready" 120
"$ROOT/deploy/local/token.sh" --client pep pep-secret >"$OUT/.token"

# The first run against a fresh JVM warms its JIT longer (FIRST_WARMUP s at the same rate, not measured): a cold
# gateway answered 1,000/s at half the rate for its first 10 s, which measured the compiler, not the gateway.
WARMED=""
load() { # target url rate label [batch] [seconds]
  local warmup=$WARMUP
  [[ " $WARMED " == *" $1 "* ]] || { warmup=$FIRST_WARMUP; WARMED+=" $1"; }
  taskset -c "$GEN_CPU" java -Xmx1g -cp "$CP" nl.inzage.bench.LoadGen "$1" "$2" "$3" "${6:-$SECONDS_PER_RATE}" "$warmup" \
    "$HTTP_CLIENTS" $ORGS "${5:-0}" "$OUT" "$4" "$OUT/.token" | tee -a "$OUT/bench.log" || log "load generator failed: $4"
}

# --- 2. HTTP, open loop: the gateway (audit on) ------------------------------------------------
audit_start=$(date +%s%N)
for rate in "${RATES[@]}"; do
  log "2. gateway at $rate decisions/s"
  "$ROOT/deploy/local/token.sh" --client pep pep-secret >"$OUT/.token"
  load gateway "http://127.0.0.1:$GATEWAY_PORT" "$rate" "gateway-$rate"
done

# --- 3. batches --------------------------------------------------------------------------------
for batch in 10 100; do
  rate=$(( 10000 / batch ))
  log "3. gateway batches of $batch at $rate requests/s ($((rate * batch)) decisions/s)"
  "$ROOT/deploy/local/token.sh" --client pep pep-secret >"$OUT/.token"
  load gateway "http://127.0.0.1:$GATEWAY_PORT" "$rate" "gateway-batch$batch-$rate" "$batch"
done

# --- 7. viewer path: three stub data holders answering after a fixed delay ----------------------
log "7. viewer: GET /viewer/patients/{bsn}/fhir/Observation, 3 stub holders with ${STUB_DELAY_MS} ms delay, $VIEWER_RATE requests/s"
"$ROOT/deploy/local/token.sh" verloskundige >"$OUT/.viewer-token"
taskset -c "$GEN_CPU" java -Xmx1g -cp "$CP" nl.inzage.bench.LoadGen viewer "http://127.0.0.1:$GATEWAY_PORT" "$VIEWER_RATE" \
  "$SECONDS_PER_RATE" "$WARMUP" "$HTTP_CLIENTS" $ORGS 0 "$OUT" "viewer-$VIEWER_RATE" "$OUT/.viewer-token" | tee -a "$OUT/bench.log" \
  || log "load generator failed: viewer"

# --- 6. audit ingest: every record the gateway had acknowledged by Kafka in the hash-chained log -----
# The gateway counts the audit records Kafka acknowledged (inzage_audit_records_acknowledged_total): each
# decision it made, including those whose answer the generator had stopped waiting for, and none of the
# requests the generator never sent. audit-service must store exactly that many.
expected=$(curl -fs "http://127.0.0.1:$GATEWAY_PORT/q/metrics" | awk '/^inzage_audit_records_acknowledged_total/ {printf "%d", $2}')
[[ -n "$expected" ]] || { log "6. audit: the gateway's /q/metrics has no inzage_audit_records_acknowledged_total"; expected=0; }
log "6. audit: waiting for $expected audit records (every record the gateway had acknowledged)"
audit_sql() { PGPASSWORD=audit psql -h 127.0.0.1 -U audit -d audit_bench -tAc "$1"; }
loaded_at=$(date +%s)
count=0
# Decision records only: audit-service also logs the state events it reads (consent and relationship changes).
DECIDED="event_type = 'nl.inzage.access.decided.v1'"
for _ in $(seq 1 "$AUDIT_WAIT"); do
  count=$(audit_sql "select count(*) from audit_record where $DECIDED")
  [[ "$count" -ge "$expected" ]] && break
  sleep 1
done
drain_s=$(( $(date +%s) - loaded_at ))
audit_sql "select json_build_object('records', count(*) filter (where $DECIDED), 'expected', $expected, 'drain_after_load_s', $drain_s,
  'first', min(recorded_at), 'last', max(recorded_at),
  'seconds', extract(epoch from max(recorded_at) - min(recorded_at)),
  'per_s_overall', round(count(*) / greatest(extract(epoch from max(recorded_at) - min(recorded_at)), 0.001)),
  'per_s_best_second', (select max(n) from (select count(*) n from audit_record group by date_trunc('second', recorded_at)) s),
  'chained', count(hash))
  from audit_record" | tee "$OUT/audit.json" | tee -a "$OUT/bench.log"
# Ingest on its own: a backlog of AUDIT_FLOOD records written while audit-service is stopped, then stored by it
# (pinned like above, PostgreSQL unpinned): records per second from the first to the last of them stored.
kill "$AUDIT_PID" 2>/dev/null || true
wait "$AUDIT_PID" 2>/dev/null || true
before=$(audit_sql "select coalesce(max(seq), 0) from audit_record")
bench_java nl.inzage.bench.AuditFlood "$BOOTSTRAP" "$HTTP_CLIENTS" $ORGS "$AUDIT_FLOOD" | tee -a "$OUT/bench.log"
log "6. audit: audit-service storing the backlog of $AUDIT_FLOOD records"
flood_started=$(date +%s%N)
QUARKUS_HTTP_PORT=$AUDIT_PORT DB_NAME=audit_bench KAFKA_BOOTSTRAP_SERVERS=$BOOTSTRAP \
  taskset -c "$SUT_CPU" java -Xmx512m -jar "$ROOT/audit-service/target/quarkus-app/quarkus-run.jar" >>"$OUT/audit-service.log" 2>&1 &
PIDS+=($!); AUDIT_PID=$!
for _ in $(seq 1 "$AUDIT_WAIT"); do
  [[ "$(audit_sql "select count(*) from audit_record where seq > $before")" -ge "$AUDIT_FLOOD" ]] && break
  sleep 1
done
flood_wall_ms=$(( ($(date +%s%N) - flood_started) / 1000000 ))
audit_sql "select json_build_object('backlog', $AUDIT_FLOOD, 'stored', count(*), 'wall_ms_from_start', $flood_wall_ms,
  'seconds', extract(epoch from max(recorded_at) - min(recorded_at)),
  'per_s', round(count(*) / greatest(extract(epoch from max(recorded_at) - min(recorded_at)), 0.001)),
  'per_s_best_second', (select max(n) from (select count(*) n from audit_record where seq > $before group by date_trunc('second', recorded_at)) s),
  'chained', count(hash))
  from audit_record where seq > $before" | tee "$OUT/audit-ingest.json" | tee -a "$OUT/bench.log"
kill "$GATEWAY_PID" "$AUDIT_PID" "$STUB_PID" 2>/dev/null || true
wait "$GATEWAY_PID" "$AUDIT_PID" "$STUB_PID" 2>/dev/null || true

# --- 2. peers: SQL per decision, Cerbos ---------------------------------------------------------
log "2. SQL PDP: loading the same workload into PostgreSQL (schema pdp of relationship_bench)"
bench_java nl.inzage.bench.SqlPdp load "$PG_URL" relationship relationship "$HTTP_CLIENTS" $ORGS | tee -a "$OUT/bench.log"
# TCP_NODELAY: without it the JDK HttpServer's answers waited for the client's delayed acknowledgement (a ~45 ms
# floor at every rate in the 2026-12-07 run, BENCHMARKS.md), which measured TCP, not SQL.
taskset -c "$SUT_CPU" java -Xmx512m -Dsun.net.httpserver.nodelay=true -cp "$CP" nl.inzage.bench.SqlPdp serve "$PG_URL" relationship relationship $SQLPDP_PORT 16 \
  >"$OUT/sqlpdp.log" 2>&1 &
PIDS+=($!); SQLPDP_PID=$!
sleep 2
for rate in "${PEER_RATES[@]}"; do
  log "2. SQL PDP at $rate decisions/s"
  load sqlpdp "http://127.0.0.1:$SQLPDP_PORT" "$rate" "sqlpdp-$rate"
done
kill "$SQLPDP_PID" 2>/dev/null || true

log "2. Cerbos (npm package cerbos) with the same policy, audit log on"
"$ROOT/benchmarks/scripts/cerbos.sh" install >>"$OUT/bench.log"
mkdir -p "$OUT/cerbos/policies"
bench_java nl.inzage.bench.CerbosPolicy >"$OUT/cerbos/policies/patient_data.yaml"
cat >"$OUT/cerbos/config.yaml" <<YAML
server:
  httpListenAddr: "127.0.0.1:$CERBOS_PORT"
  grpcListenAddr: "127.0.0.1:$((CERBOS_PORT + 1))"
storage:
  driver: disk
  disk:
    directory: $OUT/cerbos/policies
audit:
  enabled: true
  accessLogsEnabled: false
  decisionLogsEnabled: true
  backend: file
  file:
    path: $OUT/cerbos/decisions.log
YAML
taskset -c "$SUT_CPU" "$("$ROOT/benchmarks/scripts/cerbos.sh" path)" server --config="$OUT/cerbos/config.yaml" >"$OUT/cerbos.log" 2>&1 &
PIDS+=($!); CERBOS_PID=$!
wait_http "http://127.0.0.1:$CERBOS_PORT/_cerbos/health" 60
for rate in "${PEER_RATES[@]}"; do
  log "2. Cerbos at $rate decisions/s"
  load cerbos "http://127.0.0.1:$CERBOS_PORT" "$rate" "cerbos-$rate"
done
kill "$CERBOS_PID" 2>/dev/null || true
log "Cerbos decision log: $(wc -l <"$OUT/cerbos/decisions.log" 2>/dev/null || echo 0) lines"

bench_java -Djava.awt.headless=true nl.inzage.bench.Plot "$OUT/http-results.jsonl" "$OUT/latency-vs-load.png" \
  "$([[ $QUICK == 1 ]] && echo quick mode || echo full mode), $(nproc) cores" | tee -a "$OUT/bench.log"

# --- 5. projection footprint (reuses access-gateway/bench/projection-footprint.sh) -------------
log "5. projection footprint: ${FOOTPRINT[*]}"
"$ROOT/access-gateway/bench/projection-footprint.sh" "${FOOTPRINT[@]}" >"$OUT/footprint.txt" 2>&1 || true
grep -E "bytes per|filled in|both projections|OutOfMemory" "$OUT/footprint.txt" | tee -a "$OUT/bench.log" || true

# --- 4. propagation: withdrawals at consent-service until the gateway's first deny ---------------
# A broker, gateway and databases of their own: every revision here comes from consent- and
# relationship-service, so the revision token means what it says. Nothing is pinned here: four services, the
# broker and the load on one core (as the HTTP runs pin them) left the broker unable to acknowledge in time,
# and the gateway denied even the first new client (audit-unavailable).
log "4. propagation: fresh broker, consent-service :$CONSENT_PORT, relationship-service :$RELATIONSHIP_PORT, gateway, audit-service"
KAFKA_INSTANCE=test KAFKA_TEST_PORT=$KAFKA_PORT "$ROOT/deploy/local/kafka.sh" stop >/dev/null 2>&1 || true
rm -rf "$ROOT/.dev/kafka-test/data"
KAFKA_INSTANCE=test KAFKA_TEST_PORT=$KAFKA_PORT "$ROOT/deploy/local/kafka.sh" start >>"$OUT/kafka.log" 2>&1
for db in consent relationship; do
  su postgres -s /bin/sh -c "psql -h /var/run/postgresql -tAc \"SELECT 1 FROM pg_database WHERE datname='${db}_bench'\"" | grep -q 1 \
    || su postgres -s /bin/sh -c "psql -h /var/run/postgresql -c 'CREATE DATABASE ${db}_bench OWNER ${db}'" >/dev/null
  su postgres -s /bin/sh -c "psql -h /var/run/postgresql -d ${db}_bench -c 'DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public AUTHORIZATION ${db}'" >/dev/null
done
for service in consent:$CONSENT_PORT relationship:$RELATIONSHIP_PORT; do
  name=${service%%:*} port=${service##*:}
  QUARKUS_HTTP_PORT=$port DB_NAME=${name}_bench KAFKA_BOOTSTRAP_SERVERS=$BOOTSTRAP \
    java -Xmx512m -jar "$ROOT/$name-service/target/quarkus-app/quarkus-run.jar" >"$OUT/$name-service.log" 2>&1 &
  PIDS+=($!)
done
QUARKUS_HTTP_PORT=$AUDIT_PORT DB_NAME=audit_bench KAFKA_BOOTSTRAP_SERVERS=$BOOTSTRAP \
  java -Xmx512m -jar "$ROOT/audit-service/target/quarkus-app/quarkus-run.jar" >>"$OUT/audit-service.log" 2>&1 &
PIDS+=($!)
RATE_LIMIT_ENABLED=false QUARKUS_HTTP_PORT=$GATEWAY_PORT KAFKA_BOOTSTRAP_SERVERS=$BOOTSTRAP RELATIONSHIP_SERVICE_URL=http://127.0.0.1:$RELATIONSHIP_PORT \
  java -Xmx1g -jar "$ROOT/access-gateway/target/quarkus-app/quarkus-run.jar" >"$OUT/access-gateway-propagation.log" 2>&1 &
PIDS+=($!); GATEWAY_PID=$!
for port in $CONSENT_PORT $RELATIONSHIP_PORT $GATEWAY_PORT; do wait_http "http://127.0.0.1:$port/q/health/ready" 180; done
"$ROOT/deploy/local/token.sh" --client source-00000101 source-00000101-secret >"$OUT/.source-token"
"$ROOT/deploy/local/token.sh" --client pep pep-secret >"$OUT/.token"
# The load while withdrawals propagate: the decision workload at PROPAGATION_RATE/s (its clients are
# unknown here, so these are denies, each decided and audited).
java -Xmx1g -cp "$CP" nl.inzage.bench.LoadGen gateway "http://127.0.0.1:$GATEWAY_PORT" "$PROPAGATION_RATE" 600 0 \
  "$HTTP_CLIENTS" $ORGS 0 "$OUT/propagation-load" background "$OUT/.token" >"$OUT/propagation-load.log" 2>&1 &
LOAD_PID=$!
java -cp "$CP" nl.inzage.bench.Propagation "http://127.0.0.1:$CONSENT_PORT" "http://127.0.0.1:$RELATIONSHIP_PORT" \
  "http://127.0.0.1:$GATEWAY_PORT" "$OUT/.source-token" "$OUT/.token" "$ROOT/deploy/local/demo/consent-00000101.json" \
  "$WITHDRAWALS" "$OUT/propagation.json" 2>&1 | tee -a "$OUT/bench.log" || log "4. propagation failed (see above)"
kill "$LOAD_PID" 2>/dev/null || true

# --- 5. time to ready at the issue's size: 1M clients (3 consents each) and 3M relationships on the topics -----
# Full mode only (the quick run's gateway-ready.json is its small case). A fresh broker filled as the outboxes
# would, then the gateway (-Xmx2g, as in production) started and timed until ready; not ready in READY_WAIT s is
# reported as such.
if [[ $QUICK == 0 ]]; then
  # Nothing of the propagation step may run on: its audit-service would ingest the millions of events too.
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  log "5. readiness at scale: a fresh broker with the events of $READY_CLIENTS clients"
  KAFKA_INSTANCE=test KAFKA_TEST_PORT=$KAFKA_PORT "$ROOT/deploy/local/kafka.sh" stop >/dev/null 2>&1 || true
  rm -rf "$ROOT/.dev/kafka-test/data"
  KAFKA_INSTANCE=test KAFKA_TEST_PORT=$KAFKA_PORT "$ROOT/deploy/local/kafka.sh" start >>"$OUT/kafka.log" 2>&1
  # Whatever fails here is reported, and the report is still written.
  published=$(java -Xmx10g -cp "$CP" nl.inzage.bench.PublishWorkload "$BOOTSTRAP" "$READY_CLIENTS" $ORGS | tee -a "$OUT/bench.log") \
    || log "5. readiness at scale: publishing the workload failed"
  events=$(grep -oE '[0-9,]+ consent and [0-9,]+ relationship' <<<"$published" | tr -d , | awk '{print $1 + $4}' || true)
  ready_started=$(date +%s%N) ready=true
  RATE_LIMIT_ENABLED=false QUARKUS_HTTP_PORT=$GATEWAY_PORT KAFKA_BOOTSTRAP_SERVERS=$BOOTSTRAP \
    java -Xmx2g -jar "$ROOT/access-gateway/target/quarkus-app/quarkus-run.jar" >"$OUT/access-gateway-at-scale.log" 2>&1 &
  PIDS+=($!); GATEWAY_PID=$!
  wait_http "http://127.0.0.1:$GATEWAY_PORT/q/health/ready" "$READY_WAIT" || ready=false
  ready_ms=$(( ($(date +%s%N) - ready_started) / 1000000 ))
  heap=$(jcmd "$GATEWAY_PID" GC.heap_info 2>/dev/null | grep -oE 'used [0-9]+K' | head -1 | grep -oE '[0-9]+' || echo 0)
  echo "{\"clients\":$READY_CLIENTS,\"events\":${events:-0},\"ready\":$ready,\"ready_ms\":$ready_ms,\"heap_used_mib_at_ready\":$(( ${heap:-0} / 1024 ))}" \
    | tee "$OUT/ready-at-scale.json" | tee -a "$OUT/bench.log"
  kill "$GATEWAY_PID" 2>/dev/null || true
fi

bench_java nl.inzage.bench.Report "$OUT" >"$OUT/results.md"
log "done in $(( $(date +%s) - started_at )) s; results: $OUT/results.md"
