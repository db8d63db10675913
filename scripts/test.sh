#!/usr/bin/env bash
# Runs every test against a real PostgreSQL and Redis, on a fresh machine too:
# installs and starts the local services, installs what the browser, monitoring, email and OCR
# tests use (Debian's Chromium and Node.js, promtool, aiosmtpd, tesseract-ocr, Playwright, redocly and the TypeScript client's
# generator from npm), lints the API contract, downloads Maven and
# the dependencies, runs unit tests, Quarkus tests and the packaged-application tests.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/services.sh start

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v npm >/dev/null || missing+=(nodejs npm)
command -v promtool >/dev/null || missing+=(prometheus)
# The email tests' SMTP server (scripts/smtp-sink.py) runs on the system Python.
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || missing+=(python3-aiosmtpd)
# Scanned resumes are read by tesseract (English data comes with the package).
command -v tesseract >/dev/null || missing+=(tesseract-ocr)
if [ ${#missing[@]} -gt 0 ]; then
  echo "[test] installing ${missing[*]} (Debian packages)" >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# Playwright drives the system Chromium: its own browser download is never used.
if [ ! -d e2e/node_modules/playwright-core ] || [ ! -d e2e/node_modules/@redocly/cli ] || [ e2e/package-lock.json -nt e2e/node_modules/.package-lock.json ]; then
  (cd e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi

# The API contract (docs/openapi.json, held equal to what the service serves by OpenApiDocumentTest):
# redocly's recommended rules (redocly.yaml), offline, in about a second.
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true e2e/node_modules/.bin/redocly lint docs/openapi.json --format=summary

./mvnw -B -ntp verify "$@"
