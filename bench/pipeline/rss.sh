#!/usr/bin/env bash
# Resident memory of the packaged service with 10,000 jobs queued (the pipeline is
# off, so they stay queued), after a full GC.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
build
fresh_db
SHORTLIST_PIPELINE_ENABLED=false start_service 16
echo "RSS idle: $(awk '/VmRSS/ {print $2/1024 " MB"}' /proc/$APP_PID/status)"
python3 - > target/bench-rss.json <<'PY'
import json
print(json.dumps({"type": "score", "jobDescription": {"text": "Java developer: Spring Boot, PostgreSQL"},
                  "resumes": [{"externalId": f"r{i}", "text": f"Resume {i}: Java, Spring and PostgreSQL developer"} for i in range(10000)]}))
PY
curl -sf -o /dev/null -H 'Content-Type: application/json' --data-binary @target/bench-rss.json "$BASE/api/v1/batches"
echo "queued: $(psql -d "$BENCH_DB" -tAc "SELECT count(*) FROM jobs WHERE status = 'queued'")"
jcmd "$APP_PID" GC.run >/dev/null
sleep 2
echo "RSS with 10,000 jobs queued: $(awk '/VmRSS/ {print $2/1024 " MB"}' /proc/$APP_PID/status)"
