#!/usr/bin/env bash
# Starts a Liandong center for benchmarking, on this machine only, with fresh data, and prints
# how long it took from process start to /actuator/health answering UP and its resident memory.
#   bench/center.sh h2       PORT [JAR] [--key=value ...]   embedded H2 in a fresh LIANDONG_HOME
#   bench/center.sh postgres PORT [JAR] [--key=value ...]   a fresh schema in 127.0.0.1:5432/test
# SCHEMA=name puts a second node on the schema of a first one instead of a fresh schema.
# The admin password is $LIANDONG_ADMIN_PASSWORD (default bench-Secret-123). The center runs in
# the background, listening on 127.0.0.1 only; its folder, log and pid are printed. Stop it with: kill "$(cat <folder>/pid)".
set -euo pipefail
db=${1:?h2 or postgres}; port=${2:?port}; shift 2
jar=target/liandong.jar
if [[ $# -gt 0 && "$1" != --* ]]; then jar=$1; shift; fi
[[ -f "$jar" ]] || { echo "center.sh: no $jar; build it with ./mvnw -q -DskipTests -Dskip.frontend=true package" >&2; exit 2; }
if curl -s -o /dev/null -m 1 "http://127.0.0.1:$port/"; then
  echo "center.sh: something already answers on port $port" >&2; exit 2
fi
home=$(mktemp -d /tmp/liandong-bench-XXXXXX)
args=(--server.port="$port" --server.address=127.0.0.1)
if [[ "$db" == postgres ]]; then
  if [[ -n "${SCHEMA:-}" ]]; then
    schema=$SCHEMA
  else
    schema="bench_$(basename "$home" | tr -dc 'a-zA-Z0-9' | tr 'A-Z' 'a-z')"
    psql -q -h 127.0.0.1 -U postgres -d test -c "CREATE SCHEMA $schema"
    echo "$schema" > "$home/schema"
  fi
  args+=(--spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$schema"
         --spring.datasource.username=postgres --spring.datasource.password= --spring.flyway.schemas="$schema")
elif [[ "$db" != h2 ]]; then
  echo "center.sh: database must be h2 or postgres, was $db" >&2; exit 2
fi
export LIANDONG_HOME=$home
export LIANDONG_ADMIN_PASSWORD=${LIANDONG_ADMIN_PASSWORD:-bench-Secret-123}
export LIANDONG_DEMO_PASSWORD=${LIANDONG_DEMO_PASSWORD:-demo-Secret-123}
started=$(date +%s%N)
setsid java ${CENTER_JAVA_OPTS:-} -jar "$jar" "${args[@]}" "$@" </dev/null >"$home/server.log" 2>&1 &
pid=$!
echo "$pid" > "$home/pid"
for _ in $(seq 1 1200); do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "center.sh: the center exited; see $home/server.log" >&2; tail -20 "$home/server.log" >&2; exit 1
  fi
  if curl -s -m 1 "http://127.0.0.1:$port/actuator/health" | grep -q '"status":"UP"'; then
    ready=$(( ($(date +%s%N) - started) / 1000000 ))
    sleep 5
    echo "center pid=$pid port=$port db=$db${schema:+ schema=$schema} home=$home ready_ms=$ready" \
         "rss_idle_kb=$(ps -o rss= -p "$pid" | tr -d ' ') load=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
    exit 0
  fi
  sleep 0.1
done
echo "center.sh: not UP after 120 s; see $home/server.log" >&2; kill "$pid"; exit 1
