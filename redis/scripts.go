package redis

import goredis "github.com/redis/go-redis/v9"

// The store's logic runs in Redis as Lua, so that a read is one round trip
// and checks the entry's tags against their versions atomically.
//
// Keys: "<ns>:e:<key>" is an entry, a hash of s (its stamp), t (its tags,
// each as "<length>:<tag>", which no tag's bytes can break) and v (the
// value); "<ns>:t:<tag>" holds a tag's version; "<ns>:clock" the logical
// clock. Numbers stay below 2^53, where Lua's doubles are exact, and are
// written with %.0f, since Lua's own conversion keeps 14 digits only.
//
// The clock starts from the server's time in microseconds when it is
// missing (a new Redis, or one restarted without persistence), and then
// counts invalidations. A restarted clock so starts far above any version
// the old one gave, so an entry stamped before the restart and written
// after it cannot outlive an invalidation made after it.
const clockLua = `
local function clock(key)
  local c = redis.call('GET', key)
  if c then return c end
  local t = redis.call('TIME')
  c = string.format('%.0f', tonumber(t[1]) * 1000000 + tonumber(t[2]))
  redis.call('SET', key, c)
  return c
end
`

// getScript: KEYS entry, clock; ARGV tag-key prefix, extra tags…
// Returns {stamp} for a miss, {stamp, value} for a hit.
var getScript = goredis.NewScript(clockLua + `
local now = clock(KEYS[2])
local e = redis.call('HMGET', KEYS[1], 's', 't', 'v')
if not e[3] then return {now} end
local stamp = tonumber(e[1])
local function stale(tag)
  local v = redis.call('GET', ARGV[1] .. tag)
  return v and tonumber(v) > stamp
end
local tags, i = e[2], 1
while i <= #tags do
  local colon = string.find(tags, ':', i, true)
  local n = tonumber(string.sub(tags, i, colon - 1))
  if stale(string.sub(tags, colon + 1, colon + n)) then return {now} end
  i = colon + n + 1
end
for j = 2, #ARGV do
  if stale(ARGV[j]) then return {now} end
end
return {now, e[3]}
`)

// invalidateScript: KEYS clock; ARGV tag-key prefix, tag TTL in ms, tags…
// Every tag gets a version above every stamp handed out so far.
var invalidateScript = goredis.NewScript(clockLua + `
local v = string.format('%.0f', tonumber(clock(KEYS[1])) + 1)
redis.call('SET', KEYS[1], v)
for j = 3, #ARGV do
  redis.call('SET', ARGV[1] .. ARGV[j], v, 'PX', ARGV[2])
end
return v
`)
