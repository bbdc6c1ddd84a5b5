-- wrk script: POST /api/v1/requests with a unique Idempotency-Key per request (a retried key would be a replay,
-- not a submit). Reads RUN (unique per run), GRID (the bench grid node) and TOKEN from the environment.
local run = os.getenv("RUN")
local grid = os.getenv("GRID")
local token = os.getenv("TOKEN")
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local counter = 0
function request()
  counter = counter + 1
  local body = string.format('{"type":"PROBLEM_REPORT","title":"bench gateway %d","gridNodeId":"%s"}', counter, grid)
  return wrk.format("POST", "/api/v1/requests", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
    ["Idempotency-Key"] = string.format("%s-%d-%d", run, tid, counter),
  }, body)
end

function done(summary, latency, requests)
  io.write(string.format("non-2xx: %d\n", summary.errors.status))
end
