#!/usr/bin/env bash
# Writes a consistent snapshot of Shortlist's PostgreSQL database (jobs, results,
# batches, documents, keys, audit) to one file in pg_dump's custom format, while the
# service keeps running: pg_dump reads inside one repeatable-read transaction.
#
#   scripts/backup.sh [file]          # default: shortlist-<UTC timestamp>.dump
#
# Connection from the usual libpq variables; the defaults reach scripts/services.sh's
# server: PGHOST=127.0.0.1 PGPORT=55432 PGUSER=shortlist PGDATABASE=shortlist
# (PGPASSWORD or ~/.pgpass for a password). Redis needs no backup: it holds only the
# result cache and rate buckets, which rebuild themselves.
set -euo pipefail
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-55432} PGUSER=${PGUSER:-shortlist} PGDATABASE=${PGDATABASE:-shortlist}
file=${1:-shortlist-$(date -u +%Y%m%dT%H%M%SZ).dump}

pg_dump --format=custom --compress=6 --no-owner --no-privileges --file="$file.partial"
# Only a complete dump takes the final name, so a failed run never looks like a backup.
mv "$file.partial" "$file"
echo "[backup] $PGDATABASE on $PGHOST:$PGPORT -> $file ($(du -h "$file" | cut -f1))" >&2
