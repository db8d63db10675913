#!/usr/bin/env bash
# Bulk intake: N resume PDFs (the project's fixture resumes, laid out with an embedded font
# as resume sites write them) zipped and sent in ONE call to POST /api/v1/documents/bulk with
# a job description. The answer comes once every file is extracted and stored and the batch
# with one queued job per document is committed, so the call's wall time is the whole intake.
# The pipeline is off (an API replica), so scoring does not mix into the figures.
# Reports, per run: wall time, the service's CPU seconds during the call (utime + stime of
# the JVM from /proc/<pid>/stat, all its threads), CPU per document, peak RSS, load average.
# Run 1 is a cold JVM; run 2 uploads the same zip under a second key (documents are kept per
# key, so every file is extracted again) with the JVM warm.
#   bench/intake/run.sh [pdfs=1000]
BENCH_DB=${BENCH_DB:-shortlist_bench_intake}
APP_PORT=${APP_PORT:-18280}
BENCH_REDIS_URL=${BENCH_REDIS_URL:-redis://127.0.0.1:56379/5}
source "$(dirname "${BASH_SOURCE[0]}")/../pipeline/common.sh"
count=${1:-1000}
zip=target/bench-intake-$count.zip
hz=$(getconf CLK_TCK)

build
java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" dev.shortlist.support.ResumeZips "$count" "$zip" embedded
printf 'zip: %s PDFs, %s bytes\n' "$count" "$(stat -c %s "$zip")"
fresh_db
SHORTLIST_PIPELINE_ENABLED=false start_service 16

cpu_ticks() { awk '{print $14 + $15}' "/proc/$APP_PID/stat"; }

upload() { # label key
  local before after start end code
  before=$(cpu_ticks)
  start=$(date +%s.%N)
  code=$(curl -sS -o target/bench-intake-answer.json -w '%{http_code}' -H "Authorization: Bearer $2" \
    -F "files=@$zip;type=application/zip" -F type=score \
    -F "jobDescription=Java developer: Java, Spring Boot, Hibernate, PostgreSQL, REST APIs, microservices, Docker, Kafka." \
    "$BASE/api/v1/documents/bulk")
  end=$(date +%s.%N)
  after=$(cpu_ticks)
  [ "$code" = 202 ] || { echo "upload failed: HTTP $code $(head -c 600 target/bench-intake-answer.json)" >&2; exit 1; }
  python3 - "$1" "$start" "$end" "$before" "$after" "$hz" "$count" <<'PY'
import json, os, sys
label, start, end, before, after, hz, count = sys.argv[1], *map(float, sys.argv[2:7]), int(sys.argv[7])
answer = json.load(open("target/bench-intake-answer.json"))
cpu = (after - before) / hz
print(f"{label}: HTTP 202 in {end - start:.1f} s wall; stored {answer['stored']} of {answer['files']}, "
      f"batch {answer['batch']['id']} with {answer['batch']['total']} queued jobs; "
      f"service CPU {cpu:.1f} s = {1000 * cpu / count:.1f} ms per document; load average {os.getloadavg()[0]:.1f}")
PY
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
upload "run 1 (cold JVM)" "$SHORTLIST_API_KEY"
second=$(curl -sf "${AUTH[@]}" -H 'Content-Type: application/json' -d '{"name": "bench-intake-warm"}' "$BASE/api/v1/admin/keys" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])')
upload "run 2 (warm JVM, another key)" "$second"
echo "jobs queued: $(psql -d "$BENCH_DB" -tAc "SELECT count(*) FROM jobs WHERE status = 'queued'")"
echo "peak RSS: $(awk '/VmHWM/ {print $2/1024 " MB"}' /proc/$APP_PID/status)"
