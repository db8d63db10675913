#!/usr/bin/env bash
# Responsive when busy: the figures of docs/performance.md "Busy", phase by phase, on one
# packaged service against a stub model answering in 200 ms, with only
# shortlist.pipeline.concurrency set (256 unless BUSY_CONCURRENCY). Job timings come from the
# jobs table; CPU from /proc, per process (JVM, PostgreSQL, Redis).
#   bench/busy/run.sh [runs=1]      each phase runs `runs` times; the worst run is reported
# Phases, in this order:
#   start    10,000 submits at 500/s onto an empty queue: queue -> start p50/p99
#   drain    a 40,000-job backlog (four batches of 10,000) worked with no submits arriving:
#            jobs/s against the ideal (concurrency / 0.2 s), CPU per job per process
#   submit   500 submits/s for 20 s while such a backlog drains: accepted/s, p50/p99/p99.9
#   client   10,000 jobs submitted over 32 connections, then each waited for with long polls:
#            end-to-end jobs/s against the drain rate of the same run
#   alone    submits alone (pipeline idle, closed loop, wrk, 32 connections) against
#            PostgreSQL's own single-row insert rate (pgbench, 32 clients) on the same box
# BUSY_SKIP_BUILD=1 reuses target/; BUSY_PHASES="start drain ..." picks phases; APP_JAR runs another build
# (before/after figures); BUSY_JAVA_OPTS adds -D options to the service.
BENCH_DB=${BENCH_DB:-shortlist_busy}
source "$(dirname "${BASH_SOURCE[0]}")/../pipeline/common.sh"
runs=${1:-1}
CONCURRENCY=${BUSY_CONCURRENCY:-256}
LATENCY_MS=200
PHASES=${BUSY_PHASES:-start drain submit client alone}
out=target/busy; mkdir -p "$out"
CP="target/test-classes:$(cat target/test-classpath.txt 2>/dev/null || true)"

say() { printf '%s\n' "$*" | tee -a "$out/report.txt"; }
sql() { psql -d "$BENCH_DB" -qAtc "$1"; }
await_idle() {
  until [ "$(sql "SELECT count(*) FROM jobs WHERE status IN ('queued', 'running')")" = 0 ]; do sleep 1; done
}
load() { java -cp "$CP" "$@"; }
step_tails() { # the service's own p99 per submit step, in ms
  curl -s "$BASE/q/metrics" | sed -nE 's/^shortlist_submit_step_seconds\{step="([a-z]+)",quantile="0\.99"\} ([0-9.eE+-]+)$/\1 \2/p' \
    | awk '{ printf "%s %.1f ms, ", $1, $2 * 1000 }' | sed 's/, $//'
}

postgres_pid() { head -1 .data/postgres/postmaster.pid; }
redis_pid() { redis-cli -p 56379 info server | sed -nE 's/^process_id:([0-9]+).*/\1/p'; }
snap() { # file
  python3 bench/compare/cpu.py snap "$out/$1.jvm.json" "$APP_PID"
  python3 bench/compare/cpu.py snap "$out/$1.postgres.json" "$(postgres_pid)"
  python3 bench/compare/cpu.py snap "$out/$1.redis.json" "$(redis_pid)"
}
cpu_per_job() { # start end jobs -> "jvm x ms, postgres y ms, redis z ms, total t ms" (JIT compiling left out)
  local total=0 parts=()
  for group in jvm postgres redis; do
    local used jit
    read -r used jit < <(python3 bench/compare/cpu.py used "$out/$1.$group.json" "$out/$2.$group.json")
    local ms; ms=$(python3 -c "print(round(($used - $jit) / max($3, 1) * 1000, 3))")
    parts+=("$group $ms ms"); total=$(python3 -c "print(round($total + $ms, 3))")
  done
  echo "${parts[*]}, total $total ms" | sed 's/ ms /  ms, /g'
}

batch_body() { # n -> file with a batch of n distinct resumes
  python3 - "$1" "$out/batch.json" <<'PY'
import json, sys, time
n, path = int(sys.argv[1]), sys.argv[2]
stamp = time.time_ns()
resumes = [{"externalId": f"c{i}", "text": f"Java developer {stamp}-{i}: Spring Boot, PostgreSQL, Kafka, Docker"} for i in range(n)]
json.dump({"type": "score", "jobDescription": {"text": "Java developer with Spring and Kafka"}, "resumes": resumes}, open(path, "w"))
PY
}
backlog() { # batches of 10,000
  for _ in $(seq 1 "$1"); do
    batch_body 10000
    curl -sf -o /dev/null "${AUTH[@]}" -H 'Content-Type: application/json' --data-binary "@$out/batch.json" "$BASE/api/v1/batches" \
      || { echo "batch refused" >&2; exit 1; }
  done
}

phase_start() {
  local since; since=$(sql "SELECT now()")
  load dev.shortlist.bench.SubmitLoad "$BASE" 500 20 "$SHORTLIST_API_KEY" > "$out/start.txt"
  await_idle
  say "start: $(sql "SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1) || ' ms p50, '
              || round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 1) || ' ms p99 (' || count(*) || ' jobs)'
       FROM (SELECT extract(epoch FROM started_at - created_at) * 1000 AS ms FROM jobs WHERE created_at >= '$since') AS t")"
}

phase_drain() { # -> "rate ratio cpu"
  backlog 4
  local since; since=$(sql "SELECT now()")
  snap drain-start
  await_idle
  snap drain-end
  local jobs seconds
  read -r jobs seconds < <(sql "SELECT count(*), extract(epoch FROM max(finished_at) - '$since'::timestamptz)
                                FROM jobs WHERE finished_at >= '$since'" | tr '|' ' ')
  local rate; rate=$(python3 -c "print(round($jobs / $seconds))")
  DRAIN_RATE=$rate
  say "drain: $rate jobs/s = $(python3 -c "print(round($rate / ($CONCURRENCY / ($LATENCY_MS / 1000)), 2))") of ideal; CPU per job: $(cpu_per_job drain-start drain-end "$jobs")"
}

phase_submit() {
  backlog 4
  say "submit during a drain: $(load dev.shortlist.bench.SubmitLoad "$BASE" 500 20 "$SHORTLIST_API_KEY" | tr '\n' ' ')"
  say "  p99 by step (shortlist_submit_step_seconds): $(step_tails)"
  await_idle
}

phase_client() {
  local line; line=$(load dev.shortlist.bench.WaitingClients realistic "$BASE" "$SHORTLIST_API_KEY" 10000 32)
  local rate; rate=$(sed -nE 's/.* ([0-9]+) jobs\/s end to end.*/\1/p' <<<"$line")
  say "client: $line; $(python3 -c "print(round($rate / max(${DRAIN_RATE:-0}, 1), 2))") of the drain rate measured in this run (${DRAIN_RATE:-not measured})"
  await_idle
}

phase_alone() { # on a replica whose pipeline is off (an API-only replica), so submits have the box
  command -v wrk >/dev/null || apt-get install -y -q wrk >/dev/null
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
  start_service "$CONCURRENCY" ${BUSY_JAVA_OPTS:-} -Dshortlist.pipeline.enabled=false
  load dev.shortlist.bench.SubmitLoad "$BASE" 300 10 "$SHORTLIST_API_KEY" > /dev/null
  local submits
  submits=$(WRK_API_KEY=$SHORTLIST_API_KEY wrk -t2 -c32 -d15s -s bench/compare/submit.lua "$BASE" 2>&1 | sed -nE 's/^Requests\/sec: *([0-9.]+).*/\1/p')
  psql -d "$BENCH_DB" -qc "CREATE TABLE IF NOT EXISTS bench_rows (id uuid PRIMARY KEY, owner text, body jsonb, created_at timestamptz)"
  echo "INSERT INTO bench_rows VALUES (gen_random_uuid(), 'owner', '{\"resume\": {\"text\": \"Java developer\"}}', now());" > "$out/insert.sql"
  local inserts
  inserts=$(pgbench -n -M prepared -c 32 -j 2 -T 15 -f "$out/insert.sql" "$BENCH_DB" 2>&1 | sed -nE 's/^tps = ([0-9.]+).*/\1/p')
  say "alone: submits $submits/s; pgbench single-row inserts $inserts/s; ratio $(python3 -c "print(round($submits / $inserts, 2))")"
  sql "DELETE FROM jobs WHERE status = 'queued'" > /dev/null
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
  start_service "$CONCURRENCY" ${BUSY_JAVA_OPTS:-}
}

[ -n "${BUSY_SKIP_BUILD:-}" ] || build
CP="target/test-classes:$(cat target/test-classpath.txt)"
fresh_db
start_stub "$LATENCY_MS"
start_service "$CONCURRENCY" ${BUSY_JAVA_OPTS:-}
: > "$out/report.txt"
say "$(date -u '+%F %H:%M UTC'); $(nproc) cores ($(sed -nE 's/^model name\s*: //p' /proc/cpuinfo | head -1)); concurrency $CONCURRENCY; stub ${LATENCY_MS} ms; load average $(cut -d' ' -f1-3 /proc/loadavg)"
# Warm-up: the JVM compiles its hot paths on the first tens of thousands of requests.
load dev.shortlist.bench.SubmitLoad "$BASE" 300 20 "$SHORTLIST_API_KEY" > /dev/null
await_idle
for phase in $PHASES; do
  for run in $(seq 1 "$runs"); do
    say "-- $phase, run $run of $runs"
    phase_"$phase"
  done
done
say "service RSS at the end: $(( $(ps -o rss= -p "$APP_PID") / 1024 )) MB"
