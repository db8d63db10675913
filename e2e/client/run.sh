#!/usr/bin/env bash
# The TypeScript client, generated from docs/openapi.json and compiled with tsc --strict, runs
# the README's flow against a running service: e2e/client/run.sh <baseUrl> <api key>
# (dev.shortlist.api.GeneratedClientsIT runs it against the packaged service).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
bin=../node_modules/.bin
"$bin/openapi-typescript" ../../docs/openapi.json -o shortlist.d.ts --silent
"$bin/tsc" -p .
SHORTLIST_CLIENT_KEY="$2" node build/flow.js "$1"
