#!/usr/bin/env bash
# CPU time per accepted report of a running center and of the PostgreSQL backends, over a
# closed-loop run of the load generator: bench/cpu-per-report.sh PID PORT [SECONDS (20)] [LOAD OPTIONS]
# (further options go to the load generator, e.g. --batch 100 --connections 4).
# PID is the center's process (bench/center.sh prints it). The PostgreSQL figure sums the
# backends connected to database test that are alive at the end of the run (the pool keeps them).
set -euo pipefail
cd "$(dirname "$0")/.."
pid=${1:?center pid}; port=${2:?port}; seconds=${3:-20}; shift $(( $# < 3 ? $# : 3 ))
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
backends() { local t=0; for p in $(pgrep -f "postgres: .* test " || true); do t=$((t + $(ticks "$p"))); done; echo "$t"; }
center_before=$(ticks "$pid"); pg_before=$(backends)
result=$(BENCH_SKIP_BUILD=${BENCH_SKIP_BUILD:-1} bench/load.sh --url "http://127.0.0.1:$port" --max --connections 16 \
  --duration "$seconds" "$@" 2>&1 | grep '^RESULT')
center_after=$(ticks "$pid"); pg_after=$(backends)
ok=$(grep -o ' ok=[0-9]*' <<<"$result" | cut -d= -f2)
echo "$result"
awk -v c=$((center_after - center_before)) -v p=$((pg_after - pg_before)) -v hz="$(getconf CLK_TCK)" -v n="$ok" \
  'BEGIN { printf "CPU per accepted report: center %.2f ms, PostgreSQL backends %.2f ms (%d reports)\n", c * 1000 / hz / n, p * 1000 / hz / n, n }'
