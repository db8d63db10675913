#!/usr/bin/env bash
# Runs Shortlist on this machine with no API key: PostgreSQL and Redis from scripts/services.sh,
# the packaged service on :8080 with the dev profile (local engine, anonymous access).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/services.sh start
./mvnw -B -ntp -q package -DskipTests
# Each event stream or long poll holds a file descriptor: the service may use all the hard limit allows.
ulimit -n "$(ulimit -Hn)"
QUARKUS_PROFILE=dev exec java -jar target/quarkus-app/quarkus-run.jar "$@"
