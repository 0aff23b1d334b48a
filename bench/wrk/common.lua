-- Helpers shared by the wrk scripts: count answers that are not the
-- expected ones, and end with one line that run.sh and demo.sh parse:
--   RESULT requests=… rps=… p50_ms=… p90_ms=… p99_ms=… max_ms=… err_connect=… … bad_body=…
-- (the same fields as the Next.js baseline's scripts print, so one parser
-- reads both).
local common = {}
local all_threads = {}

-- check(body, headers) says whether an answer with the status expected
-- (status, 200 when nil) is the one we expect.
function common.expect(check, status)
  status = status or 200
  function setup(thread)
    all_threads[#all_threads + 1] = thread
  end
  function init(args)
    bad = 0 -- a global of the thread, read back with thread:get in done
  end
  function response(got, headers, body)
    if got == status and check(body, headers) then return end
    bad = bad + 1
    if bad <= 3 then
      io.stderr:write(string.format("unexpected answer: status %d, body %q\n", got, (body or ""):sub(1, 200)))
    end
  end
  function done(summary, latency, requests)
    local unexpected = 0
    for _, thread in ipairs(all_threads) do
      unexpected = unexpected + (tonumber(thread:get("bad")) or 0)
    end
    local ms = function(us) return us / 1000 end
    local e = summary.errors
    print(string.format(
      "RESULT requests=%d rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f " ..
      "err_connect=%d err_read=%d err_write=%d err_timeout=%d err_status=%d bad_body=%d",
      summary.requests, summary.requests / (summary.duration / 1e6),
      ms(latency:percentile(50)), ms(latency:percentile(90)), ms(latency:percentile(99)), ms(latency.max),
      e.connect, e.read, e.write, e.timeout, e.status, unexpected))
  end
end

-- env returns the environment variable name, or fails naming it.
function common.env(name)
  local v = os.getenv(name)
  if v == nil or v == "" then error(name .. " is not set") end
  return v
end

return common
