#!/usr/bin/env bash
# A one-broker Kafka (KRaft, in-process, from the test classpath) on 127.0.0.1 for the multi-node
# benchmark: bench/kafka.sh [PORT (19092)] [MINUTES (30, at most 60)]. Runs in the background and
# stops by itself; prints its pid. Builds the test classpath like bench/jmh.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-19092}; minutes=${2:-30}
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 || ! -f target/bench-classpath.txt ]]; then
  ./mvnw -B -q -o -Dskip.frontend=true -DskipTests -Dcheckstyle.skip test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
fi
log=$(mktemp /tmp/liandong-kafka-XXXXXX.log)
setsid java -Xmx768m -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.liandong.bench.BenchBroker "$port" "$minutes" </dev/null >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  if grep -q '^broker ' "$log"; then echo "kafka pid=$pid $(grep '^broker ' "$log") log=$log"; exit 0; fi
  kill -0 "$pid" 2>/dev/null || { echo "kafka.sh: the broker exited; see $log" >&2; tail -20 "$log" >&2; exit 1; }
  sleep 0.2
done
echo "kafka.sh: no broker after 120 s; see $log" >&2; kill "$pid"; exit 1
