-- wrk script: POSTs the GraphQL request bodies in the file named by BENCH_BODIES (one JSON document
-- a line) round-robin, and prints the figures bench/wrk.ts reads as one JSON line (microseconds).
-- Every request carries its own X-Request-Id, as behind a load balancer: the gateway forwards it,
-- which keeps it from merging identical requests in flight into one subgraph call, so the gateway
-- rows measure what the gateway costs, not how many concurrent visitors ask the same thing.
local bodies = {}
for line in io.lines(os.getenv("BENCH_BODIES")) do
  bodies[#bodies + 1] = line
end

local sent = 0
local prefix = string.format("%x", os.time())

request = function()
  sent = sent + 1
  local headers = { ["Content-Type"] = "application/json", ["X-Request-Id"] = prefix .. "-" .. sent }
  return wrk.format("POST", nil, headers, bodies[(sent - 1) % #bodies + 1])
end

done = function(summary, latency, _)
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"durationUs":%d,"errors":%d,"non2xx":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99), latency.max))
end
