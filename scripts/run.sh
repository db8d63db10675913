#!/usr/bin/env bash
# Runs the service on http://localhost:8080 with its local PostgreSQL and Redis and the
# local engine (no API key needed). Live reload: edit the code and call the API again.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/services.sh start
exec ./mvnw -B -ntp quarkus:dev -Dquarkus.console.enabled=false "$@"
