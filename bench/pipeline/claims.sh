#!/usr/bin/env bash
# Claims across replicas: the global advisory lock the pipeline takes (inside claim_jobs) against
# FOR UPDATE SKIP LOCKED with the per-owner running cap kept another way (each replica
# holds at most cap ÷ replicas of an owner's jobs, counted on its own leases, so no claim
# waits for another). Each claiming process is a pgbench client on the real schema
# (the service's migrations, applied in order): it claims up to BATCH queued jobs under its
# own lease name and completes them by id at once, so the figure is claim + complete
# throughput of the database side alone. RUNNING jobs per process stay running all along,
# as the pipeline's in-flight model calls do, so the running-count the claim reads has a
# realistic size.
#   bench/pipeline/claims.sh [seconds=10] [processes...=1 2 4]
# BATCH (32), OWNERS (20), CAP (100), RUNNING (256).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
seconds=${1:-10}; shift || true
procs=("$@"); [ ${#procs[@]} -eq 0 ] && procs=(1 2 4)
BATCH=${BATCH:-32} OWNERS=${OWNERS:-20} CAP=${CAP:-100} RUNNING=${RUNNING:-256}
DB=${BENCH_DB:-shortlist_claims}
export PGHOST=127.0.0.1 PGPORT=55432 PGUSER=shortlist
PGBENCH=$(ls /usr/lib/postgresql/*/bin/pgbench | tail -1)
out=target/claims; mkdir -p "$out"

psql -d postgres -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >/dev/null
for file in $(ls src/main/resources/db/migration/V*.sql | sed -E 's/.*\/V([0-9]+)__.*/\1 &/' | sort -n | cut -d' ' -f2); do
  psql -d "$DB" -q -v ON_ERROR_STOP=1 -f "$file" >/dev/null
done

# The claim the pipeline runs: one statement, the claim_jobs function (migration V130), which
# takes the global advisory lock and claims; its ids are kept for the completion.
cat > "$out/lock.sql" <<SQL
SELECT coalesce(array_agg(id), '{}')::text AS ids FROM claim_jobs($BATCH, 'p' || :client_id, 60, $CAP, now()) \\gset
SQL
# SKIP LOCKED: no lock between claimers; the cap is this process's share, counted on its own leases.
cat > "$out/skip.sql" <<SQL
WITH mine AS (
    SELECT owner, count(*) AS n FROM jobs WHERE status = 'running' AND lease_owner = 'p' || :client_id GROUP BY owner
),
candidates AS (
    SELECT q.id, q.priority, q.created_at,
           coalesce(m.n, 0) + row_number() OVER (PARTITION BY q.owner ORDER BY q.priority, q.created_at, q.id) AS nth
    FROM (
        SELECT id, owner, priority, created_at FROM jobs
        WHERE status = 'queued' AND run_after <= now()
        ORDER BY priority, created_at, id
        LIMIT 4 * $BATCH
        FOR UPDATE SKIP LOCKED
    ) AS q
    LEFT JOIN mine m ON m.owner = q.owner
),
next AS (SELECT id FROM candidates WHERE nth <= :share ORDER BY priority, created_at, id LIMIT $BATCH),
claimed AS (
    UPDATE jobs j SET status = 'running', attempts = j.attempts + 1, lease_owner = 'p' || :client_id,
                      lease_expires_at = now() + interval '60 s', started_at = coalesce(j.started_at, now()), updated_at = now()
    FROM next WHERE j.id = next.id AND j.status IN ('queued')
    RETURNING j.id
)
SELECT coalesce(array_agg(id), '{}')::text AS ids FROM claimed \gset
SQL
complete='UPDATE jobs SET status = '"'succeeded'"', progress = 100, result = '"'{\"score\": 50}'"', lease_owner = NULL,
    lease_expires_at = NULL, finished_at = now(), updated_at = now()
    WHERE id = ANY (:ids::uuid[]) AND status = '"'running'"';'
echo "$complete" >> "$out/lock.sql"
echo "$complete" >> "$out/skip.sql"

fill() { # processes: a fresh queue, and RUNNING in-flight jobs held by each process
  local n=$1
  psql -d "$DB" -q <<SQL
TRUNCATE jobs CASCADE;
INSERT INTO jobs (id, owner, type, priority, input, input_hash, status, created_at, updated_at, run_after)
SELECT gen_random_uuid(), 'owner-' || (g % $OWNERS), 'score', 2, '{"resume": {"text": "r"}}', md5(g::text), 'queued',
       now() - interval '1 hour' + g * interval '1 ms', now(), now() - interval '1 hour'
FROM generate_series(1, 150000) AS g;
INSERT INTO jobs (id, owner, type, priority, input, input_hash, status, attempts, lease_owner, lease_expires_at,
                  created_at, updated_at, run_after, started_at)
SELECT gen_random_uuid(), 'owner-' || (g % $OWNERS), 'score', 2, '{"resume": {"text": "r"}}', md5(g::text), 'running', 1,
       'p' || (g % $n), now() + interval '1 hour', now(), now(), now(), now()
FROM generate_series(1, $RUNNING * $n) AS g;
VACUUM ANALYZE jobs;
SQL
}

say() { printf '%s\n' "$*" | tee -a "$out/report.txt"; }
: > "$out/report.txt"
say "$(date -u '+%F %H:%M UTC'); $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
say "claim up to $BATCH, complete by id at once; $OWNERS owners, cap $CAP per owner, $RUNNING jobs in flight per process; ${seconds} s per run"
for n in "${procs[@]}"; do
  for variant in lock skip; do
    fill "$n"
    share=$(( CAP / n ))
    result=$("$PGBENCH" -n -M extended -c "$n" -j "$n" -T "$seconds" -D share="$share" -f "$out/$variant.sql" "$DB" 2>&1)
    tps=$(sed -nE 's/^tps = ([0-9.]+).*/\1/p' <<<"$result")
    lat=$(sed -nE 's/^latency average = ([0-9.]+) ms/\1/p' <<<"$result")
    done=$(psql -d "$DB" -tAc "SELECT count(*) FROM jobs WHERE status = 'succeeded'")
    say "$(printf '%-4s %d process(es): %6.0f jobs/s claimed and completed (%s claims/s, %s ms per claim + complete)' \
      "$variant" "$n" "$(python3 -c "print($done / $seconds)")" "$tps" "$lat")"
  done
done
say "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
