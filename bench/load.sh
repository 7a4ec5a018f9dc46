#!/usr/bin/env bash
# Sends reports to a Liandong center on this machine at a fixed rate (or --max) and prints
# throughput and latency: bench/load.sh --rate 500 --duration 30 [--stream] ...; --help lists all.
# Builds the test classes like bench/jmh.sh and runs io.liandong.bench.LoadGenerator on the test
# classpath. The load generator needs only the JDK, so when the project's test sources do not
# compile at the moment (work in progress elsewhere), it is compiled on its own instead.
# BENCH_SKIP_BUILD=1 reuses what was built last.
set -euo pipefail
cd "$(dirname "$0")/.."
sources=(src/test/java/io/liandong/bench/{LoadGenerator,LoadOptions,LoadRun,RunTally,Latencies,HttpConnection,ReportMix,StreamWatch}.java)
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  if ./mvnw -B -q -o -Dskip.frontend=true -DskipTests -Dcheckstyle.skip test-compile; then
    rm -rf target/bench-load
  else
    echo "load.sh: the test sources do not compile now; compiling the load generator alone" >&2
    rm -rf target/bench-load && mkdir -p target/bench-load
    javac -d target/bench-load "${sources[@]}"
  fi
fi
if [[ -d target/bench-load ]]; then
  classpath=target/bench-load
else
  classpath=target/test-classes
fi
exec java -Xms256m -Xmx1g -XX:+UseParallelGC -cp "$classpath" io.liandong.bench.LoadGenerator "$@"
