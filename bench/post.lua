-- wrk script: POSTs the GraphQL request bodies in the file named by BENCH_BODIES (one JSON document
-- a line) round-robin, and prints the figures bench/wrk.ts reads as one JSON line (microseconds).
-- Every request carries its own X-Request-Id, as behind a load balancer, and its body's
-- X-Subgraph-Signature, line for line from the file named by BENCH_SIGNATURES (bench/wrk.ts signs
-- them as the gateway signs what it sends a subgraph; the gateway and the raw handler ignore them).
-- A response is counted as failed when its status is not 2xx or it carries GraphQL errors (a
-- gateway answers 200 with errors when a subgraph times out).
local threads = {}

setup = function(thread)
  threads[#threads + 1] = thread
end

local bodies = {}
for line in io.lines(os.getenv("BENCH_BODIES")) do
  bodies[#bodies + 1] = line
end
local signatures = {}
for line in io.lines(os.getenv("BENCH_SIGNATURES")) do
  signatures[#signatures + 1] = line
end
assert(#signatures == #bodies, "one signature per body")
-- An API key's header (an analyst's, for the aggregates), or none: anonymous.
local authorization = os.getenv("BENCH_AUTHORIZATION") or ""

local sent = 0
local prefix = string.format("%x", os.time())
graphql_errors = 0
first_error = nil

request = function()
  sent = sent + 1
  local i = (sent - 1) % #bodies + 1
  local headers = {
    ["Content-Type"] = "application/json",
    ["X-Request-Id"] = prefix .. "-" .. sent,
    ["X-Subgraph-Signature"] = signatures[i],
  }
  if authorization ~= "" then headers["Authorization"] = authorization end
  return wrk.format("POST", nil, headers, bodies[i])
end

response = function(status, _, body)
  if status < 300 and body and string.find(body, '"errors":', 1, true) then
    graphql_errors = graphql_errors + 1
    first_error = first_error or string.sub(body, 1, 300)
  end
end

done = function(summary, latency, _)
  local e = summary.errors
  local failed = 0
  local sample = ""
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("graphql_errors")
    sample = thread:get("first_error") or sample
  end
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"durationUs":%d,"errors":%d,"non2xx":%d,"graphqlErrors":%d,' ..
      '"p50Us":%d,"p99Us":%d,"maxUs":%d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status, failed,
    latency:percentile(50), latency:percentile(99), latency.max))
  if sample ~= "" then io.write("BENCH_FIRST_ERROR " .. sample .. "\n") end
end
