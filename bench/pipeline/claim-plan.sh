#!/usr/bin/env bash
# The cost of one claim against a deep queue of few callers and a long tail of small ones:
# 40,000 queued jobs of 3 callers and 1,000 of 200 more, on the real schema (the service's
# migrations, applied in order). Each round claims 64 jobs under EXPLAIN ANALYZE on one
# connection and rolls back, so every claim meets the same queue; prints each claim's
# execution time and the median, for the claim in use (claim_jobs, migration V145) and, for
# comparison, the priority-then-age claim it replaced (migration V130, loaded beside it
# under another name).
#   bench/pipeline/claim-plan.sh [rounds=20]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
rounds=${1:-20}
DB=${BENCH_DB:-shortlist_claim_plan}
export PGHOST=127.0.0.1 PGPORT=55432 PGUSER=shortlist

psql -d postgres -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >/dev/null
for file in $(ls src/main/resources/db/migration/V*.sql | sed -E 's/.*\/V([0-9]+)__.*/\1 &/' | sort -n | cut -d' ' -f2); do
  psql -d "$DB" -q -v ON_ERROR_STOP=1 -f "$file" >/dev/null
done
sed 's/claim_jobs/claim_jobs_v130/g' src/main/resources/db/migration/V130__claim_in_one_round_trip.sql \
  | psql -d "$DB" -q -v ON_ERROR_STOP=1 >/dev/null

load() {
  psql -d "$DB" -q -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
SET client_min_messages = warning;
TRUNCATE jobs CASCADE;
INSERT INTO jobs (id, owner, type, priority, input, input_hash, created_at, updated_at, run_after)
SELECT gen_random_uuid(), 'big-' || (i % 3), 'score', 2, '{}', md5(i::text),
       now() - interval '1 hour' + i * interval '10 ms', now(), now() - interval '1 hour'
FROM generate_series(1, 40000) AS i;
INSERT INTO jobs (id, owner, type, priority, input, input_hash, created_at, updated_at, run_after)
SELECT gen_random_uuid(), 'small-' || (i % 200), 'score', i % 5, '{}', md5('s' || i),
       now() - interval '30 minutes' + i * interval '10 ms', now(), now() - interval '1 hour'
FROM generate_series(1, 1000) AS i;
VACUUM ANALYZE jobs;
SQL
}

claims() { # one session, as a replica's pooled connection; the first claim, which plans the function, is left out
  local call=$1
  for _ in $(seq $((rounds + 1))); do
    echo "BEGIN; EXPLAIN (ANALYZE, TIMING OFF) SELECT * FROM $call; ROLLBACK;"
  done | psql -d "$DB" -qAt -v ON_ERROR_STOP=1 | sed -n 's/^Execution Time: \([0-9.]*\) ms$/\1/p' | tail -n +2
}

report() {
  local name=$1; shift
  local times; times=$(claims "$1")
  echo "$name: $(echo "$times" | tr '\n' ' ')ms"
  echo "$name median: $(echo "$times" | sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}') ms"
}

load
report "fair share (V145)" "claim_jobs(64, 'bench', 60, 100, now(), 600)"
load
report "priority then age (V130)" "claim_jobs_v130(64, 'bench', 60, 100, now())"
psql -d postgres -qc "DROP DATABASE $DB" >/dev/null
