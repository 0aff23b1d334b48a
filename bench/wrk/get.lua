-- The page render of the benchmark: GET /posts (the newest 50 posts and
-- the total), no Accept-Encoding, so uncompressed; the Next.js baseline's
-- wrk/get.lua load.
--   wrk -s get.lua http://127.0.0.1:3300/posts
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
package.path = dir .. "?.lua;" .. package.path
local common = require("common")

wrk.method = "GET"
wrk.headers["Accept"] = "text/html"

common.expect(function(body) return body:find("<h1>Posts", 1, true) ~= nil end)
