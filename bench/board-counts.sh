#!/usr/bin/env bash
# Times the board's counters (GET /api/incidents/counts) over many open incidents, on a center that
# bench/center.sh started on PostgreSQL:
#   bench/board-counts.sh PORT SCHEMA [INCIDENTS (30000)] [CALLS (20)]
# Adds INCIDENTS open earthquake incidents, each with one active task of the EARTHQUAKE agency, to
# the center's schema (psql, 127.0.0.1), then asks for the counters CALLS times, one after the
# other, as admin, and prints each answer's time and the median. Run it once per center: the rows
# it adds stay.
set -euo pipefail
port=${1:?port}; schema=${2:?schema}; incidents=${3:-30000}; calls=${4:-20}
password=${LIANDONG_ADMIN_PASSWORD:-bench-Secret-123}
psql -q -h 127.0.0.1 -U postgres -d test -v ON_ERROR_STOP=1 <<SQL
SET search_path TO $schema;
INSERT INTO incident (kind, category_code, priority, severity, status, title, opened_at, last_report_at,
  in_command, report_count, drill)
SELECT 'EMERGENCY', 'NAT-EARTHQUAKE', CASE WHEN g % 10 = 0 THEN 'P1' ELSE 'P3' END, 'II', 'OPEN',
  '地震 ' || g, now() - make_interval(secs => g), now(), 'COMMANDER', 1, FALSE
FROM generate_series(1, $incidents) g;
INSERT INTO task (incident_id, agency_code, instructions, priority, status, issued_at, acknowledge_due,
  arrive_due, complete_due)
SELECT id, 'EARTHQUAKE', '核查震情', 'P3', 'ISSUED', now(), now() + interval '1 day', now() + interval '1 day',
  now() + interval '1 day'
FROM incident WHERE category_code = 'NAT-EARTHQUAKE' AND status = 'OPEN';
ANALYZE incident; ANALYZE task;
SQL
times=()
for i in $(seq 1 "$calls"); do
  t=$(curl -s -o /tmp/board-counts.$$ -w '%{http_code} %{time_total}' -u "admin:$password" \
      "http://127.0.0.1:$port/api/incidents/counts")
  [[ ${t%% *} == 200 ]] || { echo "board-counts.sh: HTTP ${t%% *}: $(cat /tmp/board-counts.$$)" >&2; exit 1; }
  times+=("${t#* }")
done
echo "answer: $(cat /tmp/board-counts.$$)"; rm -f /tmp/board-counts.$$
printf '%s\n' "${times[@]}" | sort -n | awk -v n="$calls" -v k="$incidents" \
  '{ a[NR] = $1 * 1000 } END { printf "counters over %d added open incidents: %d calls, median %.1f ms, min %.1f ms, max %.1f ms\n", k, n, a[int((n + 1) / 2)], a[1], a[n] }'
