#!/usr/bin/env bash
# 10,000 watchers on one replica (docs/performance.md "Watchers"): the model is down (the
# stub in an outage), so every job stays queued and every stream stays open; one event
# stream per job, all opened at once, held while 200 submits/s arrive (from 10 s after the last
# stream's first event, CONNECTIONS_SETTLE_SECONDS). Reports streams
# answered 200 / refused, the submits' p50/p99, the service's RSS and its open descriptors.
#   bench/connections/run.sh [streams=10000] [hold-seconds=60]
# The service and this client raise their own open-file limit to the hard limit; a host whose
# hard limit is below streams + 1,000 needs it raised first (docs/deployment.md, "Many clients waiting at once").
BENCH_DB=${BENCH_DB:-shortlist_connections}
source "$(dirname "${BASH_SOURCE[0]}")/../pipeline/common.sh"
streams=${1:-10000}; hold=${2:-60}
out=target/connections; mkdir -p "$out"
ulimit -n "$(ulimit -Hn)"
say() { printf '%s\n' "$*" | tee -a "$out/report.txt"; }
[ -n "${BUSY_SKIP_BUILD:-}" ] || build
CP="target/test-classes:$(cat target/test-classpath.txt)"
fresh_db
start_stub 200
start_service "${CONNECTIONS_CONCURRENCY:-256}"
: > "$out/report.txt"
say "$(date -u '+%F %H:%M UTC'); $(nproc) cores; $streams streams held ${hold} s; open-file limit $(ulimit -n); load average $(cut -d' ' -f1-3 /proc/loadavg)"
# Warm-up: the JVM compiles its submit path on the first thousands of requests (bench/busy does the
# same); the warm-up's jobs are deleted before the streams open, so they add nothing to the pipeline's work.
java -cp "$CP" dev.shortlist.bench.SubmitLoad "$BASE" 200 20 "$SHORTLIST_API_KEY" > /dev/null
until [ "$(psql -d "$BENCH_DB" -qAtc "SELECT count(*) FROM jobs WHERE status IN ('queued', 'running')")" = 0 ]; do
  psql -d "$BENCH_DB" -qc "DELETE FROM jobs WHERE status = 'queued'" > /dev/null; sleep 1
done
psql -d "$BENCH_DB" -qc "DELETE FROM jobs" > /dev/null
curl -sf -X POST "http://127.0.0.1:$STUB_PORT/outage?seconds=3600" > /dev/null
# The jobs to watch come as one batch (one request), so that setting up never depends on submit rates.
python3 - "$streams" "$out/batch.json" <<'PY'
import json, sys, time
n, path = int(sys.argv[1]), sys.argv[2]
stamp = time.time_ns()
json.dump({"type": "score", "jobDescription": {"text": "Java developer with Spring and Kafka"},
           "resumes": [{"externalId": f"w{i}", "text": f"Java developer {stamp}-{i}: Spring Boot, Kafka"} for i in range(n)]},
          open(path, "w"))
PY
curl -sf -o /dev/null "${AUTH[@]}" -H 'Content-Type: application/json' --data-binary "@$out/batch.json" "$BASE/api/v1/batches"
psql -d "$BENCH_DB" -qAtc "SELECT id FROM jobs ORDER BY created_at LIMIT $streams" > "$out/ids.txt"
say "rss before the streams: $(( $(ps -o rss= -p "$APP_PID") / 1024 )) MB"
java -cp "$CP" dev.shortlist.bench.WaitingClients streams "$BASE" "$SHORTLIST_API_KEY" "$out/ids.txt" "$hold" > "$out/streams.txt" &
client=$!
until grep -q "answered 200" "$out/streams.txt" 2>/dev/null; do sleep 1; done
say "$(head -1 "$out/streams.txt")"
# The submits measure a replica holding its streams, not one still opening them: each new watch
# also checks its job once more (an announcement may have come between its read and its watch),
# and that wave is let pass first.
sleep "${CONNECTIONS_SETTLE_SECONDS:-10}"
box() { awk '/^cpu / { idle = $5 + $6; total = 0; for (i = 2; i <= NF; i++) total += $i; print total - idle, total }' /proc/stat; }
read -r busy0 total0 < <(box)
submits=$(java -cp "$CP" dev.shortlist.bench.SubmitLoad "$BASE" 200 20 "$SHORTLIST_API_KEY" | tr '\n' ' ')
read -r busy1 total1 < <(box)
say "while held, 200 submits/s for 20 s: $submits; box $(( 100 * (busy1 - busy0) / (total1 - total0 + 1) )) % busy"
say "service while held: RSS $(( $(ps -o rss= -p "$APP_PID") / 1024 )) MB, $(ls /proc/"$APP_PID"/fd | wc -l) open descriptors, $(ps -o nlwp= -p "$APP_PID") threads"
wait "$client"
say "$(tail -1 "$out/streams.txt")"
