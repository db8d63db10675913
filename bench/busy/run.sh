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
# BUSY_REPLICAS picks how many packaged processes share the database (the ideal stays concurrency / 0.2 s):
#   one    one replica with the whole concurrency (the default)
#   two    two replicas with half the concurrency each; requests go to the first
#   split  an API replica (pipeline off) that takes every request, and a pipeline replica with the
#          whole concurrency that takes none
# BUSY_SECOND_NICE runs the second replica at that nice level (10: the kernel gives the first the
# CPU first, as separate CPU shares would in Kubernetes).
BENCH_DB=${BENCH_DB:-shortlist_busy}
source "$(dirname "${BASH_SOURCE[0]}")/../pipeline/common.sh"
runs=${1:-1}
CONCURRENCY=${BUSY_CONCURRENCY:-256}
LATENCY_MS=200
PHASES=${BUSY_PHASES:-start drain submit client alone}
REPLICAS=${BUSY_REPLICAS:-one}
out=target/busy; mkdir -p "$out"
CP="target/test-classes:$(cat target/test-classpath.txt 2>/dev/null || true)"

say() { printf '%s\n' "$*" | tee -a "$out/report.txt"; }
sql() { psql -d "$BENCH_DB" -qAtc "$1"; }
await_idle() {
  until [ "$(sql "SELECT count(*) FROM jobs WHERE status IN ('queued', 'running')")" = 0 ]; do sleep 1; done
}
load() { java -cp "$CP" "$@"; }
processing_totals() { # -> "attempts seconds": succeeded attempts and their time, over every replica, since start
  { curl -s "$BASE/q/metrics"; [ -z "${SECOND_PID:-}" ] || curl -s "http://127.0.0.1:$((APP_PORT + 1))/q/metrics"; } \
    | awk '/^shortlist_job_processing_seconds_(count|sum)\{.*outcome="succeeded"/ {
             if ($1 ~ /_count/) n += $2; else t += $2 } END { printf "%d %f\n", n, t }'
}
slot_time() { # "attempts seconds" at the start, jobs/s -> where a slot's time went between the two
  local n0 t0 n1 t1; read -r n0 t0 <<<"$1"; read -r n1 t1 < <(processing_totals)
  python3 -c "
slot = $CONCURRENCY / $2 * 1000; work = ($t1 - $t0) / max($n1 - $n0, 1) * 1000
print(f'a slot per job {slot:.0f} ms: the attempt (handler, model call, outcome stored) {work:.0f} ms, between attempts {slot - work:.0f} ms')"
}
step_tails() { # the service's own p99 per submit step, in ms
  curl -s "$BASE/q/metrics" | sed -nE 's/^shortlist_submit_step_seconds\{step="([a-z]+)",quantile="0\.99"\} ([0-9.eE+-]+)$/\1 \2/p' \
    | awk '{ printf "%s %.1f ms, ", $1, $2 * 1000 }' | sed 's/, $//'
}

postgres_pid() { head -1 .data/postgres/postmaster.pid; }
redis_pid() { redis-cli -p 56379 info server | sed -nE 's/^process_id:([0-9]+).*/\1/p'; }
snap() { # file
  python3 bench/compare/cpu.py snap "$out/$1.jvm.json" "$APP_PID"
  [ -z "${SECOND_PID:-}" ] || python3 bench/compare/cpu.py snap "$out/$1.jvm2.json" "$SECOND_PID"
  python3 bench/compare/cpu.py snap "$out/$1.postgres.json" "$(postgres_pid)"
  python3 bench/compare/cpu.py snap "$out/$1.redis.json" "$(redis_pid)"
}
box_snap() { # -> "busy total" jiffies of the whole box (every process, the load client's too)
  awk '/^cpu / { idle = $5 + $6; total = 0; for (i = 2; i <= NF; i++) total += $i; print total - idle, total }' /proc/stat
}
box_busy() { # "busy total" at the start [snapshot name of our processes at the start] -> how busy the box was since
  local busy0 total0 busy1 total1
  read -r busy0 total0 <<<"$1"; read -r busy1 total1 < <(box_snap)
  local line="box $(( 100 * (busy1 - busy0) / (total1 - total0 + 1) )) % busy"
  if [ -n "${2:-}" ]; then # what share of that our processes used; the rest is the stub model and the load client
    snap "$2-end"
    local ours=0
    for group in jvm ${SECOND_PID:+jvm2} postgres redis; do
      local used jit; read -r used jit < <(python3 bench/compare/cpu.py used "$out/$2.$group.json" "$out/$2-end.$group.json")
      ours=$(python3 -c "print($ours + $used)")
    done
    line="$line, $(python3 -c "print(round(100 * $ours * $(getconf CLK_TCK) / max($busy1 - $busy0, 1)))") % of it the service's processes (JVM, PostgreSQL, Redis), the rest the stub model and the load client"
  fi
  echo "$line"
}
cpu_per_job() { # start end jobs -> "jvm x ms, postgres y ms, redis z ms, total t ms" (JIT compiling left out)
  local total=0 parts=()
  for group in jvm ${SECOND_PID:+jvm2} postgres redis; do
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
  local since box; since=$(sql "SELECT now()"); box=$(box_snap); snap start
  load dev.shortlist.bench.SubmitLoad "$BASE" 500 20 "$SHORTLIST_API_KEY" > "$out/start.txt"
  local during; during=$(box_busy "$box" start)
  await_idle
  say "start: $during while submitting; $(sql "SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1) || ' ms p50, '
              || round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 1) || ' ms p99 (' || count(*) || ' jobs)'
       FROM (SELECT extract(epoch FROM started_at - created_at) * 1000 AS ms FROM jobs WHERE created_at >= '$since') AS t")"
}

phase_drain() { # -> "rate ratio cpu"
  backlog 4
  local since box attempts; since=$(sql "SELECT now()"); box=$(box_snap); attempts=$(processing_totals)
  snap drain-start
  await_idle
  snap drain-end
  local during; during=$(box_busy "$box" drain-start)
  local jobs seconds
  read -r jobs seconds < <(sql "SELECT count(*), extract(epoch FROM max(finished_at) - '$since'::timestamptz)
                                FROM jobs WHERE finished_at >= '$since'" | tr '|' ' ')
  local rate; rate=$(python3 -c "print(round($jobs / $seconds))")
  DRAIN_RATE=$rate
  say "drain: $rate jobs/s = $(python3 -c "print(round($rate / ($CONCURRENCY / ($LATENCY_MS / 1000)), 2))") of ideal; $during; CPU per job: $(cpu_per_job drain-start drain-end "$jobs")"
  say "  $(slot_time "$attempts" "$rate")"
}

phase_submit() {
  backlog 4
  local box; box=$(box_snap); snap submit
  local line; line=$(load dev.shortlist.bench.SubmitLoad "$BASE" 500 20 "$SHORTLIST_API_KEY" | tr '\n' ' ')
  say "submit during a drain: $line; $(box_busy "$box" submit)"
  say "  p99 by step (shortlist_submit_step_seconds): $(step_tails)"
  await_idle
}

phase_client() {
  local box; box=$(box_snap); snap client
  local line; line="$(load dev.shortlist.bench.WaitingClients realistic "$BASE" "$SHORTLIST_API_KEY" 10000 32); $(box_busy "$box" client)"
  local rate; rate=$(sed -nE 's/.* ([0-9]+) jobs\/s end to end.*/\1/p' <<<"$line")
  say "client: $line; $(python3 -c "print(round($rate / max(${DRAIN_RATE:-0}, 1), 2))") of the drain rate measured in this run (${DRAIN_RATE:-not measured})"
  await_idle
}

start_replicas() { # the topology of BUSY_REPLICAS; requests always go to $BASE
  case "$REPLICAS" in
    one) start_service "$CONCURRENCY" ${BUSY_JAVA_OPTS:-} ;;
    two) start_service $(( CONCURRENCY / 2 )) ${BUSY_JAVA_OPTS:-}; start_second $(( CONCURRENCY / 2 )) ;;
    split) start_service "$CONCURRENCY" ${BUSY_JAVA_OPTS:-} -Dshortlist.pipeline.enabled=false; start_second "$CONCURRENCY" ;;
    *) echo "BUSY_REPLICAS is one, two or split" >&2; exit 2 ;;
  esac
}
start_second() { # concurrency: a second packaged process on the next port, same database
  local first_pid=$APP_PID first_port=$APP_PORT first_base=$BASE
  APP_PORT=$(( APP_PORT + 1 )); BASE=http://127.0.0.1:$APP_PORT
  SERVICE_NICE=${BUSY_SECOND_NICE:-} SERVICE_LOG=target/bench-service-2.log start_service "$1" ${BUSY_JAVA_OPTS:-}
  SECOND_PID=$APP_PID
  APP_PID=$first_pid APP_PORT=$first_port BASE=$first_base
}
stop_second() {
  [ -n "${SECOND_PID:-}" ] && kill "$SECOND_PID" 2>/dev/null && wait "$SECOND_PID" 2>/dev/null || true
  SECOND_PID=
}
trap 'stop_second; stop_all' EXIT

phase_alone() { # on a replica whose pipeline is off (an API-only replica), so submits have the box
  stop_second
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
start_replicas
: > "$out/report.txt"
say "$(date -u '+%F %H:%M UTC'); $(nproc) cores ($(sed -nE 's/^model name\s*: //p' /proc/cpuinfo | head -1)); concurrency $CONCURRENCY; replicas $REPLICAS${BUSY_SECOND_NICE:+, second at nice $BUSY_SECOND_NICE}; stub ${LATENCY_MS} ms; load average $(cut -d' ' -f1-3 /proc/loadavg)"
# Warm-up: the JVM compiles its hot paths on the first tens of thousands of requests.
load dev.shortlist.bench.SubmitLoad "$BASE" 300 20 "$SHORTLIST_API_KEY" > /dev/null
await_idle
for phase in $PHASES; do
  for run in $(seq 1 "$runs"); do
    say "-- $phase, run $run of $runs"
    phase_"$phase"
  done
done
say "service RSS at the end: $(( $(ps -o rss= -p "$APP_PID") / 1024 )) MB${SECOND_PID:+, second replica $(( $(ps -o rss= -p "$SECOND_PID") / 1024 )) MB}"
