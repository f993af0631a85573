-- Makes a complete version active in one step: previous := active, active := version, history += entry.
-- KEYS[1] the version meta hash, KEYS[2] active pointer, KEYS[3] previous pointer, KEYS[4] history list
-- ARGV[1] version, ARGV[2] history entry template, ARGV[3] template slot, ARGV[4] history cap
-- Returns {switched (1/0), active or nil, previous or nil, refusal or nil}.
-- fill, recent_items and served_version are defined in shared.lua, which LuaScript puts in front.
local current = redis.call('GET', KEYS[2])
local previous = redis.call('GET', KEYS[3])
local meta = redis.call('HMGET', KEYS[1], 'expected', 'loaded')
if not meta[1] then
  return {0, current, previous, 'unknown model version ' .. ARGV[1] .. ' (never staged, or retired)'}
end
local expected = tonumber(meta[1])
local loaded = tonumber(meta[2] or '0')
if loaded < expected then
  return {0, current, previous, 'model version ' .. ARGV[1] .. ' is incomplete: loaded ' .. loaded .. ' of ' .. expected .. ' lists'}
end
if current == ARGV[1] then
  return {0, current, previous, false}
end
if current then
  redis.call('SET', KEYS[3], current)
  previous = current
end
redis.call('SET', KEYS[2], ARGV[1])
redis.call('LPUSH', KEYS[4], fill(ARGV[2], ARGV[3], ARGV[1]))
redis.call('LTRIM', KEYS[4], 0, tonumber(ARGV[4]) - 1)
return {1, ARGV[1], previous, false}
