#!/usr/bin/env bash
# Runs every test against a real PostgreSQL and Redis, on a fresh machine too:
# installs and starts the local services, downloads Maven and the dependencies, runs
# unit tests, Quarkus tests and the packaged-application tests.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/services.sh start
./mvnw -B -ntp verify "$@"
