#!/usr/bin/env bash
# Restores a dump written by scripts/backup.sh into a database that must not exist yet
# (it is created), all in one transaction: a failed restore leaves an empty database,
# never a half-restored one. Point the service at it afterwards; jobs that were queued
# or running at backup time are picked up again (expired leases are rescued).
#
#   scripts/restore.sh <file> <new database name>
#
# Connection as for scripts/backup.sh (PGHOST, PGPORT, PGUSER; defaults: the local server).
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 <dump file> <new database name>" >&2; exit 2; }
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-55432} PGUSER=${PGUSER:-shortlist}
file=$1 database=$2

createdb --maintenance-db=postgres "$database"
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$database" "$file"
echo "[restore] $file -> $database on $PGHOST:$PGPORT" >&2
