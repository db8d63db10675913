-- wrk: closed-loop score submits, each with a distinct resume (so no cache hit), with
-- the API key from WRK_API_KEY when set; prints one parseable line at the end.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  run = os.getenv("WRK_RUN") or tostring(os.time())
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  local key = os.getenv("WRK_API_KEY")
  if key and key ~= "" then
    wrk.headers["Authorization"] = "Bearer " .. key
  end
end

function request()
  counter = counter + 1
  local body = '{"type":"score","resume":{"text":"Resume ' .. run .. '-' .. tid .. '-' .. counter ..
      ': Java developer, Spring Boot, PostgreSQL, Kafka, Docker"},' ..
      '"jobDescription":{"text":"Java developer with Spring and Kafka"}}'
  return wrk.format(nil, "/api/v1/jobs", nil, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK requests=%d failed=%d seconds=%.3f p50=%.2f p99=%.2f\n",
      summary.requests, e.connect + e.read + e.write + e.status + e.timeout, summary.duration / 1e6,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
