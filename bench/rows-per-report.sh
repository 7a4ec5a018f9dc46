#!/usr/bin/env bash
# Counts the rows one report writes, by table, on a center running on PostgreSQL (started with
# bench/center.sh postgres PORT): sends one report per category given and diffs row counts.
#   bench/rows-per-report.sh PORT SCHEMA SOC-THEFT SVC-NOISE ACC-FIRE-BUILDING ...
set -euo pipefail
port=${1:?port}; schema=${2:?schema}; shift 2
password=${LIANDONG_ADMIN_PASSWORD:-bench-Secret-123}
tables=(report incident incident_event task notification audit_event event_publication)
counts() {
  local sql="" t
  for t in "${tables[@]}"; do
    if psql -qtA -h 127.0.0.1 -U postgres -d test -c "SELECT to_regclass('$schema.$t')" | grep -q .; then
      sql+="SELECT '$t', count(*) FROM $schema.$t UNION ALL "
    fi
  done
  psql -qtA -F' ' -h 127.0.0.1 -U postgres -d test -c "${sql% UNION ALL }"
}
n=0
for category in "$@"; do
  n=$((n + 1))
  before=$(counts)
  lat=$(awk -v n=$n 'BEGIN { printf "%.5f", 41.35 + n * 0.013 }')
  answer=$(curl -s -u "admin:$password" -H 'Content-Type: application/json' -H "Idempotency-Key: rows-$$-$n" \
    -d "{\"channel\":\"110\",\"lat\":$lat,\"lon\":120.45,\"address\":\"双塔区新华路 $n 号\",\"text\":\"行数统计 $category\",\"category\":\"$category\"}" \
    "http://127.0.0.1:$port/api/reports")
  after=$(counts)
  outcome=$(grep -o '"outcome":"[A-Z_]*"' <<<"$answer" | cut -d'"' -f4)
  printf '%-22s %-16s' "$category" "${outcome:-$answer}"
  join <(sort <<<"$before") <(sort <<<"$after") | awk '{ d = $3 - $2; if (d) printf " %s+%d", $1, d; t += d } END { printf "  (%d rows)\n", t }'
done
