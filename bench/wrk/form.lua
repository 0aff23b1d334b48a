-- The no-JS form path of the benchmark: the multipart POST a browser sends
-- for the /posts page's create form with JavaScript off, to the Go demo.
-- It is the Next.js baseline's wrk/form.lua load (the hidden
-- $ACTION_ID_<id> field, a title, a content) with the demo's answer: a 303
-- to the new post, /posts/<n>, which wrk does not follow (the Next.js app
-- answers 200 with the re-rendered page instead).
--   ACTION_CREATE=<id> ORIGIN=http://127.0.0.1:3300 wrk -s form.lua http://127.0.0.1:3300/posts
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
package.path = dir .. "?.lua;" .. package.path
local common = require("common")

local boundary = "----WebKitFormBoundaryWrkBench0123456"
local function part(name, value)
  return "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"" .. name .. "\"\r\n\r\n" .. value .. "\r\n"
end
wrk.method = "POST"
wrk.body = part("$ACTION_ID_" .. common.env("ACTION_CREATE"), "") .. part("title", "bench title") ..
  part("content", "bench content") .. "--" .. boundary .. "--\r\n"
wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. boundary
wrk.headers["Accept"] = "text/html"
wrk.headers["Origin"] = common.env("ORIGIN")

common.expect(function(body, headers)
  local location = headers["Location"] or headers["location"] or ""
  return location:match("^/posts/%d+$") ~= nil
end, 303)
