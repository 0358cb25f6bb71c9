#!/usr/bin/env bash
# Heap footprint of the gateway's in-memory projections (issue 5, "Compact in memory"): fills the
# real ConsentProjection and RelationshipProjection with a fixed-seed synthetic workload and
# reports the heap in use after GC. A benchmark, not a test: results go into BENCHMARKS.md.
#
# Usage: access-gateway/bench/projection-footprint.sh [CLIENTS [RELATIONSHIPS]]
#   default 1000000 clients (3 consents each) and 3000000 relationships, in a 2 GiB heap;
#   HEAP=... overrides -Xmx, MVN_OFFLINE=-o builds offline.
set -euo pipefail

CLIENTS="${1:-1000000}"
RELATIONSHIPS="${2:-$((CLIENTS * 3))}"
HEAP="${HEAP:-2g}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
MODULE="$ROOT/access-gateway"
CLASSPATH_FILE="$MODULE/target/bench-classpath.txt"

cd "$ROOT"
# One reactor run, so the sibling module (contracts) resolves to its freshly built classes; the
# last module built (access-gateway) writes the classpath file.
mvn -B -q ${MVN_OFFLINE:-} test-compile dependency:build-classpath -pl access-gateway -am \
    -Dmdep.outputFile="$CLASSPATH_FILE" -Dmdep.includeScope=test

echo "date:    $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) memory, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "jvm:     $(java -version 2>&1 | tr '\n' ' ')"
echo "heap:    -Xmx$HEAP"
echo
exec java -Xmx"$HEAP" -cp "$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$CLASSPATH_FILE")" \
    nl.inzage.gateway.bench.ProjectionFootprint "$CLIENTS" "$RELATIONSHIPS"
