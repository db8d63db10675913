#!/usr/bin/env bash
# Multi-field ranking through the API: the packaged service (local engine) on a free port
# and its own database; every PDF of ../shared/data/resumes/livecareer-dev uploaded with
# POST /api/v1/documents, one batch per field's job description
# (bench/eval/job-descriptions/livecareer), precision@10 and nDCG@10 beside TF-IDF and BM25.
# 24 batches of 471 resumes are 11,304 jobs: above the default daily job and hourly resume
# quotas of one key, which are lifted for this service alone.
#   bench/eval/livecareer.sh            (EVAL_DB, default shortlist_eval, is dropped and recreated)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
data=${SHORTLIST_SHARED_DATA:-../shared/data}
db=${EVAL_DB:-shortlist_eval}
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export SHORTLIST_API_KEY=sl_eval_admin_key PGHOST=127.0.0.1 PGPORT=55432 PGUSER=shortlist
scripts/services.sh start >/dev/null
[ -f target/quarkus-app/quarkus-run.jar ] && [ -z "${EVAL_REBUILD:-}" ] || ./mvnw -B -q -ntp package -DskipTests
./mvnw -B -q -ntp test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
psql -d postgres -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
QUARKUS_HTTP_PORT=$port \
QUARKUS_DATASOURCE_REACTIVE_URL=vertx-reactive:postgresql://127.0.0.1:55432/$db \
QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:55432/$db \
QUARKUS_REDIS_HOSTS=redis://127.0.0.1:56379/${SHORTLIST_TEST_REDIS_DB:-9} \
SHORTLIST_LLM_PROVIDER=local SHORTLIST_SECURITY_BOOTSTRAP_ADMIN_KEY=$SHORTLIST_API_KEY \
SHORTLIST_LIMITS_ENABLED=false SHORTLIST_PIPELINE_OWNER_RUNNING_CAP=100000 SHORTLIST_JOBS_OWNER_QUEUED_CAP=1000000 \
SHORTLIST_LIMITS_JOBS_PER_DAY=1000000 SHORTLIST_LIMITS_RESUMES_PER_HOUR=1000000 SHORTLIST_LIMITS_DOCUMENTS_PER_HOUR=100000 \
  java -Xmx768m -jar target/quarkus-app/quarkus-run.jar > target/eval-service.log 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null || { echo "service did not start; see target/eval-service.log" >&2; exit 1; }
java -cp "target/test-classes:$(cat target/bench.classpath)" dev.shortlist.bench.LivecareerApiEval \
  "http://127.0.0.1:$port" bench/eval/job-descriptions/livecareer "$data/resumes/livecareer-dev"
