#!/usr/bin/env bash
# A second caller behind a big batch: one caller's 10,000 jobs are queued and being worked
# (concurrency 16, stub model at LATENCY ms), then a second caller queues 100 jobs of the
# same priority. Prints how long the second caller's first job waited to start
# (jobs.started_at − created_at), how many of the first caller's jobs started meanwhile
# (none should: the second caller's job is next in turn) and how many were still waiting. Before fair share it waited for the whole batch to drain ahead of it.
# Jobs are written by SQL (copies of one job submitted through the API, each with its own
# input hash, so the model is called), with the submit's wake-up sent by hand.
#   bench/pipeline/fair-start.sh [batch=10000]
# Needs target/quarkus-app (./mvnw package -DskipTests) and target/test-classpath.txt
# (./mvnw dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt).
BENCH_DB=${BENCH_DB:-shortlist_fair_start}
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
batch=${1:-10000}
LATENCY=${LATENCY:-200}
sql() { psql -d "$BENCH_DB" -tAq -F ' ' -c "$1"; }
copies() { # owner n: copies of the submitted job, due now
  sql "INSERT INTO jobs (id, owner, type, priority, input, input_hash, max_attempts, status, created_at, updated_at, run_after)
       SELECT gen_random_uuid(), '$1', t.type, t.priority, t.input, encode(sha256((t.input_hash || '$1' || g)::bytea), 'hex'),
              t.max_attempts, 'queued', clock_timestamp(), now(), now()
       FROM (SELECT * FROM jobs WHERE status = 'succeeded' LIMIT 1) AS t, generate_series(1, $2) AS g;
       SELECT pg_notify('shortlist_jobs', '')" >/dev/null
}
wait_for() { # sql condition, up to 120 s
  for _ in $(seq 1 1200); do
    [ "$(sql "SELECT ($1)")" = t ] && return
    sleep 0.1
  done
  echo "gave up waiting for: $1" >&2; exit 1
}

fresh_db
start_stub "$LATENCY"
start_service 16 -Dshortlist.pipeline.owner-running-cap=100
curl -sf "${AUTH[@]}" -H 'Content-Type: application/json' "$BASE/api/v1/jobs" \
  --data '{"type":"score","resume":{"text":"Java developer, Spring Boot, PostgreSQL"},"jobDescription":{"text":"Java developer with Spring"}}' >/dev/null
wait_for "EXISTS (SELECT 1 FROM jobs WHERE status = 'succeeded')"

copies first-caller "$batch"
wait_for "(SELECT count(*) FROM jobs WHERE owner = 'first-caller' AND status = 'running') >= 16"
sleep 2
copies second-caller 100
wait_for "EXISTS (SELECT 1 FROM jobs WHERE owner = 'second-caller' AND started_at IS NOT NULL)"
sql "SELECT 'second caller''s first job started after ' || round(extract(epoch FROM started_at - created_at) * 1000) || ' ms'
     FROM jobs WHERE owner = 'second-caller' ORDER BY created_at LIMIT 1"
sql "WITH second AS (SELECT min(created_at) AS queued, min(started_at) AS started FROM jobs WHERE owner = 'second-caller')
     SELECT 'first caller''s jobs started meanwhile: ' || count(*) FILTER (WHERE started_at BETWEEN second.queued AND second.started)
            || '; still waiting: ' || count(*) FILTER (WHERE started_at IS NULL OR started_at > second.started)
     FROM jobs, second WHERE owner = 'first-caller' GROUP BY second.queued"
