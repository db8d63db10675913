#!/usr/bin/env bash
# End-to-end jobs/s against the stub model at a fixed latency, as a ratio of the ideal
# (concurrency ÷ latency). The queue is filled first (one batch of distinct resumes, so
# the cache never answers), then the run is timed from the first claim to the last
# completion, read from the jobs' own timestamps.
#   bench/pipeline/throughput.sh [latency-ms=200] [concurrency...=16 64 256]
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
latency=${1:-200}; shift || true

levels=("$@"); [ ${#levels[@]} -eq 0 ] && levels=(16 64 256)
build
start_stub "$latency"
for concurrency in "${levels[@]}"; do
  fresh_db
  start_service "$concurrency"
  jobs=$(( concurrency * 25 )); [ "$jobs" -lt 1000 ] && jobs=1000
  python3 - "$jobs" > target/bench-throughput.json <<'PY'
import json, sys
n = int(sys.argv[1])
print(json.dumps({"type": "score", "priority": "normal",
                  "jobDescription": {"text": "Java developer: Spring Boot, PostgreSQL, Kafka, Docker"},
                  "resumes": [{"externalId": f"r{i}", "text": f"Resume {i}: Java and Spring developer, PostgreSQL, Kafka"}
                              for i in range(n)]}))
PY
  batch=$(curl -sf -H 'Content-Type: application/json' --data-binary @target/bench-throughput.json "$BASE/api/v1/batches" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  while [ "$(curl -sf "$BASE/api/v1/batches/$batch" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')" = running ]; do
    sleep 0.5
  done
  psql -d "$BENCH_DB" -tA -F ' ' -c "SELECT count(*) FILTER (WHERE status = 'succeeded'),
      extract(epoch FROM max(finished_at) - min(started_at)) FROM jobs WHERE batch_id = '$batch'" |
  while read -r done seconds; do
    python3 -c "import sys; n,s,c,l=int(sys.argv[1]),float(sys.argv[2]),int(sys.argv[3]),int(sys.argv[4]); \
ideal=c*1000/l; print(f'concurrency {c}: {n} jobs in {s:.2f} s = {n/s:.1f} jobs/s; ideal {ideal:.0f} jobs/s; ratio {n/s/ideal:.3f}')" \
      "$done" "$seconds" "$concurrency" "$latency"
  done
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=
done
