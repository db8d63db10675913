# Shared by the pipeline benchmarks: a fresh database, the stub model and the packaged
# service on their own ports. Source it; call start_stub, start_service, stop_all.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
BENCH_DB=${BENCH_DB:-shortlist_bench}
STUB_PORT=${STUB_PORT:-18090}
APP_PORT=${APP_PORT:-18080}
BASE=http://127.0.0.1:$APP_PORT
export SHORTLIST_API_KEY=${SHORTLIST_API_KEY:-sl_bench_admin_key}
AUTH=(-H "Authorization: Bearer $SHORTLIST_API_KEY")
export PGHOST=127.0.0.1 PGPORT=55432 PGUSER=shortlist

build() {
  scripts/services.sh start >/dev/null 2>&1
  ./mvnw -B -q -ntp package -DskipTests
  ./mvnw -B -q -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
}

fresh_db() {
  psql -d postgres -qc "DROP DATABASE IF EXISTS $BENCH_DB" -c "CREATE DATABASE $BENCH_DB" >/dev/null
}

start_stub() { # latency-ms
  java -cp "target/test-classes:$(cat target/test-classpath.txt)" dev.shortlist.support.LlmStubServer \
    --port "$STUB_PORT" --latency-ms "$1" > target/bench-stub.log 2>&1 &
  STUB_PID=$!
  sleep 2
}

start_service() { # concurrency [extra -D options...]
  local concurrency=$1; shift
  QUARKUS_HTTP_PORT=$APP_PORT \
  QUARKUS_DATASOURCE_REACTIVE_URL=vertx-reactive:postgresql://127.0.0.1:55432/$BENCH_DB \
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:55432/$BENCH_DB \
  QUARKUS_REDIS_HOSTS=${BENCH_REDIS_URL:-redis://127.0.0.1:56379/9} \
  SHORTLIST_LLM_PROVIDER=openai SHORTLIST_LLM_OPENAI_BASE_URL=http://127.0.0.1:$STUB_PORT/v1 \
  SHORTLIST_LLM_OPENAI_MODEL=stub-model-1 \
  SHORTLIST_PIPELINE_CONCURRENCY=$concurrency SHORTLIST_PIPELINE_OWNER_RUNNING_CAP=100000 \
  SHORTLIST_JOBS_OWNER_QUEUED_CAP=1000000 SHORTLIST_SECURITY_BOOTSTRAP_ADMIN_KEY=$SHORTLIST_API_KEY \
  SHORTLIST_LIMITS_ENABLED=${BENCH_RATE_LIMITS:-false} SHORTLIST_LIMITS_SUBMIT_PER_MINUTE=100000000 \
  SHORTLIST_LIMITS_READ_PER_MINUTE=100000000 SHORTLIST_LIMITS_JOBS_PER_DAY=1000000000 \
  SHORTLIST_LIMITS_SUBMIT_PER_HOUR=1000000000 SHORTLIST_LIMITS_SUBMIT_PER_DAY=1000000000 \
  SHORTLIST_LIMITS_READ_PER_HOUR=1000000000 SHORTLIST_LIMITS_READ_PER_DAY=1000000000 \
  SHORTLIST_LIMITS_ADDRESS_SUBMIT_PER_HOUR=1000000000 SHORTLIST_LIMITS_ADDRESS_SUBMIT_PER_DAY=1000000000 \
  SHORTLIST_LIMITS_ADDRESS_READ_PER_HOUR=1000000000 SHORTLIST_LIMITS_ADDRESS_READ_PER_DAY=1000000000 \
  SHORTLIST_LIMITS_RESUMES_PER_HOUR=1000000000 \
  QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE=${POOL_SIZE:-20} \
    ${SERVICE_NICE:+nice -n "$SERVICE_NICE"} java -Xmx512m "$@" -jar "${APP_JAR:-target/quarkus-app/quarkus-run.jar}" > "${SERVICE_LOG:-target/bench-service.log}" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 $(( ${BENCH_START_SECONDS:-60} * 2 ))); do # a loaded host may take minutes
    curl -sf "$BASE/q/health/ready" >/dev/null && return
    sleep 0.5
  done
  echo "service did not start; see ${SERVICE_LOG:-target/bench-service.log}" >&2; exit 1
}

stop_all() {
  [ -n "${APP_PID:-}" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  [ -n "${STUB_PID:-}" ] && kill "$STUB_PID" 2>/dev/null && wait "$STUB_PID" 2>/dev/null || true
  APP_PID= STUB_PID=
}
trap stop_all EXIT
