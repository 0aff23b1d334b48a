-- The JS path of the benchmark: the request a page's script makes for
-- `await increment()`, sent to the Go server. It is the Next.js baseline's
-- wrk/increment.lua load with this package's header: POST to /posts, body
-- "[]" (React's encodeReply of no arguments), the action id in Action-Id
-- instead of Next-Action.
--   ACTION_INCREMENT=<id> ORIGIN=http://127.0.0.1:3200 wrk -s increment.lua http://127.0.0.1:3200/posts
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
package.path = dir .. "?.lua;" .. package.path
local common = require("common")

wrk.method = "POST"
wrk.body = "[]"
wrk.headers["Action-Id"] = common.env("ACTION_INCREMENT")
wrk.headers["Content-Type"] = "text/plain;charset=UTF-8"
wrk.headers["Accept"] = "text/x-component"
wrk.headers["Origin"] = common.env("ORIGIN")

-- The answer is the root row only: "0:<count>\n".
common.expect(function(body) return body:match("^0:%d+\n") ~= nil end)
