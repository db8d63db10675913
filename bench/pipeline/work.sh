#!/usr/bin/env bash
# The work side alone: jobs already queued, the pipeline switched on. For each packaged
# service named in WORK_JARS (label=jar, so before/after come from one run) it prints
#   - CPU per completed model job per process (JVM, PostgreSQL backends, Redis) and
#     PostgreSQL commits and row updates per job, with end to end against the ideal
#     (concurrency ÷ model latency), for each concurrency in WORK_LEVELS;
#   - the cached path: claim + complete of jobs the result cache answers (no model call);
#   - enqueue → start p50/p90 on an idle service (single submits through the API);
#   - resident memory with the model jobs queued (after a full GC) and at its peak while they run.
# Queued jobs are written by SQL with run_after in the future, then made due at once, so
# the submit path costs nothing in the figures. The stub model and Redis are private to
# the run; PostgreSQL is the shared one (only this database's backends are counted).
#   bench/pipeline/work.sh [jobs=10000] [latency-ms=200]
# WORK_JARS ("current=target/quarkus-app/quarkus-run.jar"), WORK_LEVELS ("256 64"; the first
# level also runs the cached path, the idle latency and RSS), WORK_JFR=1 keeps a profile
# summary of the first level's model run in bench/pipeline/profiles/.
BENCH_DB=${BENCH_DB:-shortlist_work}
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
jobs=${1:-10000}
latency=${2:-200}
read -r -a levels <<<"${WORK_LEVELS:-256 64}"
read -r -a jars <<<"${WORK_JARS:-current=target/quarkus-app/quarkus-run.jar}"
cpu=bench/compare/cpu.py
out=target/work; mkdir -p "$out"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
say() { printf '%s\n' "$*" | tee -a "$out/report.txt"; }
sql() { psql -d "$BENCH_DB" -tAq -F ' ' -c "$1"; }

start_redis() {
  REDIS_PORT=$(free_port)
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no > "$out/redis.log" 2>&1 &
  REDIS_PID=$!
  for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return; sleep 0.1; done
}

pg_pids() { psql -d postgres -tAc "SELECT string_agg(pid::text, ' ') FROM pg_stat_activity WHERE datname = '$BENCH_DB' AND pid <> pg_backend_pid()"; }
snap() { # name: one CPU snapshot per process group
  python3 $cpu snap "$out/$1.jvm.json" "$APP_PID"
  # shellcheck disable=SC2046
  python3 $cpu snap "$out/$1.postgres.json" $(pg_pids)
  python3 $cpu snap "$out/$1.redis.json" "$REDIS_PID"
}
counters() { # name: PostgreSQL's counters for this database (an idle backend publishes them within 10 s)
  psql -d postgres -tAc "SELECT xact_commit FROM pg_stat_database WHERE datname = '$BENCH_DB'" > "$out/$1.commits"
  sql "SELECT n_tup_upd FROM pg_stat_user_tables WHERE relname = 'jobs'" > "$out/$1.updates"
}
per_job() { # start end jobs -> "jvm 1.234 ms (without JIT 1.1), postgres ..., redis ...; commits ..."
  local parts=() group used jit
  for group in jvm postgres redis; do
    read -r used jit < <(python3 $cpu used "$out/$1.$group.json" "$out/$2.$group.json")
    parts+=("$(python3 -c "u, j, n = $used, $jit, max($3, 1); print(f'$group {u / n * 1000:.3f} ms' + (f' (without JIT {(u - j) / n * 1000:.3f})' if j else ''))")")
  done
  local commits updates
  commits=$(python3 -c "print(f'{($(cat "$out/$2.commits") - $(cat "$out/$1.commits")) / max($3, 1):.2f}')")
  read -r u1 <"$out/$1.updates"; read -r u2 <"$out/$2.updates"
  # less the bench's own release, which updates each job once
  updates=$(python3 -c "print(f'{($u2 - $u1) / max($3, 1) - 1:.2f}')")
  echo "${parts[0]}, ${parts[1]}, ${parts[2]}; PostgreSQL commits $commits, jobs row updates by the service $updates"
}

owner() { sql "SELECT owner FROM jobs LIMIT 1"; }
# n jobs copied from a finished one, due only in a day. hash=distinct: each its own input
# hash (the cache misses, the model is called); hash=same: the finished job's (the cache answers).
queue_copies() { # n distinct|same
  local hash="encode(sha256((t.input_hash || g)::bytea), 'hex')"; [ "$2" = same ] && hash=t.input_hash
  sql "INSERT INTO jobs (id, owner, type, priority, input, input_hash, max_attempts, status, created_at, updated_at, run_after)
       SELECT gen_random_uuid(), t.owner, t.type, t.priority, t.input, $hash, t.max_attempts, 'queued', now(), now(), now() + interval '1 day'
       FROM (SELECT * FROM jobs WHERE status = 'succeeded' ORDER BY finished_at LIMIT 1) AS t, generate_series(1, $1) AS g"
}
release() { sql "UPDATE jobs SET run_after = now(), created_at = now() WHERE status = 'queued'; SELECT pg_notify('shortlist_jobs', '')" >/dev/null; }
wait_drained() {
  for _ in $(seq 1 1200); do
    [ "$(sql "SELECT count(*) FROM jobs WHERE status IN ('queued', 'running')")" = 0 ] && return
    sleep 0.25
  done
  say "  (not drained after 300 s)"
}
rss() { awk '/VmRSS/ {printf "%.0f MB", $2 / 1024}' "/proc/$APP_PID/status"; }
watch_rss() { # peak RSS of the service into $out/peak-rss until stopped
  local peak=0 now
  while kill -0 "$APP_PID" 2>/dev/null; do
    now=$(awk '/VmRSS/ {print $2}' "/proc/$APP_PID/status" 2>/dev/null || echo 0)
    [ "${now:-0}" -gt "$peak" ] && peak=$now && echo "$peak" > "$out/peak-rss"
    sleep 0.2
  done
}
submit() { # resume text -> job id
  curl -sf "${AUTH[@]}" -H 'Content-Type: application/json' "$BASE/api/v1/jobs" \
    --data "{\"type\":\"score\",\"resume\":{\"text\":\"$1\"},\"jobDescription\":{\"text\":\"Java developer with Spring and Kafka\"}}" >/dev/null
}
warm_up() { # a few hundred jobs through the API, so the JIT and pools are warm and one result is cached
  local pids=()
  for i in $(seq 1 300); do
    submit "Warm-up resume $RANDOM-$i: Java, Spring Boot, PostgreSQL" & pids+=($!)
    if [ ${#pids[@]} = 32 ]; then wait "${pids[@]}"; pids=(); fi
  done
  [ ${#pids[@]} = 0 ] || wait "${pids[@]}"
  wait_drained
}
rate() { # where -> "n jobs in s s = r jobs/s"
  sql "SELECT count(*), extract(epoch FROM max(finished_at) - min(started_at)) FROM jobs WHERE status = 'succeeded' AND $1" |
    { read -r n s; python3 -c "n, s = $n, float('$s' or 0) or 1e-9; print(f'{n} jobs in {s:.2f} s = {n / s:.1f} jobs/s')"; }
}

run_queue() { # makes the queued jobs due and measures until they are done: SINCE, DONE, snapshots a and b
  SINCE=$(sql "SELECT now()")
  sleep 11
  counters a
  snap a
  release
  wait_drained
  snap b
  sleep 11
  counters b
  DONE=$(sql "SELECT count(*) FROM jobs WHERE status = 'succeeded' AND finished_at >= '$SINCE'")
}

model_run() { # label concurrency first?
  local label=$1 concurrency=$2 first=$3 n=$jobs
  [ "$first" = yes ] || n=$(( concurrency * 40 < jobs ? concurrency * 40 : jobs ))
  queue_copies "$n" distinct
  if [ "$first" = yes ]; then
    jcmd "$APP_PID" GC.run >/dev/null; sleep 1
    say "  RSS with $n jobs queued (after a full GC): $(rss)"
    echo 0 > "$out/peak-rss"; watch_rss & WATCH_PID=$!
    [ "${WORK_JFR:-}" = 1 ] && jcmd "$APP_PID" JFR.start name=work settings=profile >/dev/null
  fi
  run_queue
  local r; r=$(rate "finished_at >= '$SINCE'")
  local achieved=${r#*= }; achieved=${achieved%% *}
  say "  model jobs, concurrency $concurrency: $r; ideal $(( concurrency * 1000 / latency )) jobs/s; ratio $(python3 -c "print(f'{$achieved / ($concurrency * 1000 / $latency):.2f}')")"
  say "    CPU per completed job: $(per_job a b "$DONE")"
  if [ "$first" = yes ]; then
    kill "$WATCH_PID" 2>/dev/null; wait "$WATCH_PID" 2>/dev/null || true
    say "    peak RSS during the run: $(awk '{printf "%.0f MB", $1 / 1024}' "$out/peak-rss")"
    if [ "${WORK_JFR:-}" = 1 ]; then
      jcmd "$APP_PID" JFR.stop name=work filename="$PWD/$out/work-$label.jfr" >/dev/null
      mkdir -p bench/pipeline/profiles
      jfr print --stack-depth 64 --events jdk.ExecutionSample "$out/work-$label.jfr" > "$out/work-$label-samples.txt"
      python3 bench/compare/hot.py "$out/work-$label-samples.txt" > "bench/pipeline/profiles/work-$label-$(date -u +%Y%m%d-%H%M).txt"
    fi
  fi
}

cached_run() {
  local n=$(( jobs / 2 ))
  queue_copies "$n" same
  run_queue
  say "  cached path (claim + complete, no model call): $(rate "finished_at >= '$SINCE'")"
  say "    CPU per completed job: $(per_job a b "$DONE")"
}

idle_latency() { # single submits, one every 100 ms, on an otherwise idle service
  local since; since=$(sql "SELECT now()")
  for i in $(seq 1 100); do submit "Idle resume $RANDOM-$i: Java developer"; sleep 0.1; done
  wait_drained
  say "  enqueue → start on an idle service (100 single submits): $(sql "SELECT
      round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - created_at)) * 1000)::numeric, 1) || ' ms p50, '
   || round((percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - created_at)) * 1000)::numeric, 1) || ' ms p90'
      FROM jobs WHERE created_at >= '$since'")"
}

cleanup() { stop_all; [ -n "${REDIS_PID:-}" ] && kill "$REDIS_PID" 2>/dev/null; true; }
trap cleanup EXIT

[ -n "${WORK_SKIP_BUILD:-}" ] || build
: > "$out/report.txt"
STUB_PORT=$(free_port)
start_redis
export BENCH_REDIS_URL=redis://127.0.0.1:$REDIS_PORT/1
start_stub "$latency"
say "$(date -u '+%F %H:%M UTC'); $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
say "stub model $latency ms; $jobs model jobs queued by SQL then made due; private Redis; shared PostgreSQL (this database's backends counted)"
for entry in "${jars[@]}"; do
  label=${entry%%=*}; export APP_JAR=${entry#*=}
  say "== $label ($APP_JAR)"
  first=yes
  for concurrency in "${levels[@]}"; do
    APP_PORT=$(free_port); BASE=http://127.0.0.1:$APP_PORT
    fresh_db
    redis-cli -p "$REDIS_PORT" -n 1 flushdb >/dev/null
    start_service "$concurrency"
    warm_up
    if [ "$first" = yes ]; then
      idle_latency
      cached_run
    fi
    model_run "$label" "$concurrency" "$first"
    first=no
    kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=
  done
done
say "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
