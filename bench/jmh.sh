#!/usr/bin/env bash
# Runs the JMH benchmarks in src/test/java/io/liandong/bench: bench/jmh.sh [regex] [JMH options]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -Dskip.frontend=true -DskipTests test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  org.openjdk.jmh.Main "${@:-IntakeDecisionBenchmark}"
