-- wrk script: cycles through the paths in the file given after `--`, sends the cookie in
-- $COOKIE, and prints the 95th percentile (wrk's --latency lists 50/75/90/99 only).
local paths = {}
local i = 0
local cookie = os.getenv("COOKIE")
function init(args)
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
  i = math.random(#paths)
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], { Cookie = cookie })
end

function done(summary, latency, requests)
  io.write(string.format("p95 %.1f ms  p50 %.1f ms  max %.1f ms  requests %d  non-2xx %d\n",
    latency:percentile(95) / 1000, latency:percentile(50) / 1000, latency.max / 1000,
    summary.requests, summary.errors.status))
end
