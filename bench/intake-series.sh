#!/usr/bin/env bash
# Intake under load, one fresh center per rate: bench/intake-series.sh h2|postgres "100 250 500 1000 max" [load.sh options]
# For each rate it starts a center (bench/center.sh: start-up time to ready, idle RSS), sends a
# warm-up and then the measured load (bench/load.sh; "max" means --max), samples the center's RSS
# every second while loaded, stops the center (and drops its PostgreSQL schema) and prints one line.
# Environment: JAR (default target/liandong.jar), PORT (default 18950), WARMUP (s, default 15),
# DURATION (s, default 30), CONNECTIONS (default 32 for a fixed rate, 16 for max).
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:?h2 or postgres}; rates=${2:?rates, e.g. \"100 250 500 1000 max\"}; shift 2
jar=${JAR:-target/liandong.jar}; port=${PORT:-18950}
export LIANDONG_ADMIN_PASSWORD=${LIANDONG_ADMIN_PASSWORD:-bench-Secret-123}
out=$(mktemp -d /tmp/liandong-series-XXXXXX)
echo "series $db, rates $rates, jar $jar, logs in $out; $(date -u +%FT%TZ); load $(cut -d' ' -f1-3 /proc/loadavg)"
for rate in $rates; do
  line=$(bench/center.sh "$db" "$port" "$jar" | tail -1)
  pid=$(grep -o 'pid=[0-9]*' <<<"$line" | cut -d= -f2)
  home=$(grep -o 'home=[^ ]*' <<<"$line" | cut -d= -f2)
  if [[ "$rate" == max ]]; then
    mode=(--max --connections "${CONNECTIONS:-16}")
  else
    mode=(--rate "$rate" --connections "${CONNECTIONS:-32}")
  fi
  ( peak=0; while kill -0 "$pid" 2>/dev/null; do
      rss=$(ps -o rss= -p "$pid" | tr -d ' '); (( rss > peak )) && peak=$rss && echo "$peak" >"$out/rss-$rate"
      sleep 1; done ) &
  sampler=$!
  # what else ran on the machine halfway through the measured run (top over 3 s)
  ( sleep $(( ${WARMUP:-15} + ${DURATION:-30} / 2 )); top -b -n 2 -d 3 -w 160 |
      awk '/^top -/ { n++ } n == 2 && $1 ~ /^[0-9]+$/ && $9 + 0 >= 5 { print $1, $9 "%" }' | head -6 |
      while read -r p c; do echo "$p $c $(ps -o args= -p "$p" | cut -c1-70)"; done >"$out/top-$rate" ) &
  BENCH_SKIP_BUILD=${BENCH_SKIP_BUILD:-1} bench/load.sh --url "http://127.0.0.1:$port" "${mode[@]}" \
    --warmup "${WARMUP:-15}" --duration "${DURATION:-30}" "$@" >"$out/load-$rate.txt" 2>&1 || true
  kill "$pid"; kill "$sampler" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done   # graceful stop, at most 30 s
  if [[ -f "$home/schema" ]]; then
    psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA $(cat "$home/schema") CASCADE" 2>/dev/null || true
  fi
  result=$(grep '^RESULT' "$out/load-$rate.txt" || echo "RESULT none: see $out/load-$rate.txt")
  echo "$db rate=$rate $(grep -o 'ready_ms=[0-9]*' <<<"$line") $(grep -o 'rss_idle_kb=[0-9]*' <<<"$line")" \
       "rss_load_peak_kb=$(cat "$out/rss-$rate" 2>/dev/null || echo ?) ${result#RESULT }"
  grep -E '^(answers by status|outcomes)' "$out/load-$rate.txt" | sed 's/^/    /'
  echo "    busiest processes halfway (pid, CPU, command; the center is $pid): $(tr '\n' ';' <"$out/top-$rate" 2>/dev/null)"
done
