#!/usr/bin/env bash
# Lists the SQL statements and database round trips of one report, per category, on a center
# started with the PostgreSQL driver's protocol trace on, for example:
#   bench/center.sh postgres 18933 target/liandong.jar --logging.level.org.postgresql.core.v3=TRACE
#   bench/statements-per-report.sh 18933 /tmp/liandong-bench-XXXXXX SOC-THEFT SVC-NOISE ACC-FIRE-BUILDING
# Sends one report per category (one at a time, after one warm-up report) and reads the trace of
# the request threads. Reports are a second apart, so each also pays a connection check (the pool
# checks a connection idle for over 500 ms); under load that one goes away.
set -euo pipefail
port=${1:?port}; home=${2:?the center folder bench/center.sh printed}; shift 2
password=${LIANDONG_ADMIN_PASSWORD:-bench-Secret-123}
log=$home/server.log
send() {
  curl -s -o /dev/null -w '%{http_code}' -u "admin:$password" -H 'Content-Type: application/json' \
    -H "Idempotency-Key: stmt-$$-$1" -d "{\"channel\":\"110\",\"lat\":$2,\"lon\":120.45,\"text\":\"语句统计\",\"category\":\"$3\"}" \
    "http://127.0.0.1:$port/api/reports"
}
send 0 41.31 SOC-THEFT >/dev/null; sleep 1
n=0
for category in "$@"; do
  n=$((n + 1))
  start=$(wc -l <"$log")
  status=$(send "$n" "$(awk -v n=$n -v r=$RANDOM 'BEGIN { printf "%.4f", 41.32 + n * 0.011 + r / 100000 }')" "$category")
  sleep 1
  trace=$(tail -n +"$((start + 1))" "$log" | grep -- '-exec-' | grep 'FE=>' | sed 's/.*FE=> //')
  statements=$(grep -c '^Execute' <<<"$trace" || true)
  trips=$(grep -cE '^(Sync|SimpleQuery)' <<<"$trace" || true)
  echo "$category (HTTP $status): $statements statements (Execute) + $(grep -c '^SimpleQuery' <<<"$trace" || true)" \
       "simple queries (BEGIN, connection checks); $trips round trips"
  # each statement by its first words; a server-side prepared one (S_n) is named by the Parse that
  # prepared it, which may be earlier in the log than this report
  { grep 'FE=> Parse(stmt=S_' "$log" | sed 's/.*FE=> //'; echo '--- report'; echo "$trace"; } | awk '
    /^--- report/ { mine = 1; next }
    !mine { split($0, a, /,query="/); sub(/^Parse\(stmt=/, "", a[1]); named[a[1]] = substr(a[2], 1, 70); next }
    /^Parse\(stmt=null/ { split($0, a, /,query="/); count[substr(a[2], 1, 70)]++ }
    /^Parse\(stmt=S_/ { split($0, a, /,query="/); sub(/^Parse\(stmt=/, "", a[1]); named[a[1]] = substr(a[2], 1, 70) }
    /^Bind\(stmt=S_/ { split($0, a, /[=,]/); count[named[a[2]] == "" ? "(prepared " a[2] ")" : named[a[2]]]++ }
    /^SimpleQuery/ { q = $0; sub(/^SimpleQuery\(query="/, "", q); count["simple: " substr(q, 1, 60)]++ }
    END { for (q in count) { t = q; sub(/",oids=.*/, "", t); sub(/^simple: "\)$/, "simple: empty query (connection check)", t)
                             sub(/"\)$/, "", t); printf "    %3d  %s\n", count[q], t } }' | sort -k1,1nr
done
