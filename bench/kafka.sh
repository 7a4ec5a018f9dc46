#!/usr/bin/env bash
# A one-broker Kafka (KRaft, in-process, from the test classpath) for the multi-node benchmark:
# bench/kafka.sh [MINUTES (30, at most 60)]. Runs in the background and stops by itself; prints its
# pid and its address (localhost and a port of its own choosing). Builds the test classpath like
# bench/jmh.sh. Kafka's test kit binds the broker to every interface, on ports it picks itself
# (it cannot be told a port or an address), for as long as it runs: use it on a machine behind a
# firewall.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ $# -gt 1 ]]; then
  echo "kafka.sh: the broker picks its own port; pass only MINUTES (was: $*)" >&2; exit 2
fi
minutes=${1:-30}
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 || ! -f target/bench-classpath.txt ]]; then
  ./mvnw -B -q -o -Dskip.frontend=true -DskipTests -Dcheckstyle.skip test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
fi
log=$(mktemp /tmp/liandong-kafka-XXXXXX.log)
setsid java -Xmx768m -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.liandong.bench.BenchBroker "$minutes" </dev/null >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
  if grep -q '^broker ' "$log"; then echo "kafka pid=$pid $(grep '^broker ' "$log") log=$log"; exit 0; fi
  kill -0 "$pid" 2>/dev/null || { echo "kafka.sh: the broker exited; see $log" >&2; tail -20 "$log" >&2; exit 1; }
  sleep 0.2
done
echo "kafka.sh: no broker after 120 s; see $log" >&2; kill "$pid"; exit 1
