-- Swaps active and previous in one step and records it in the history.
-- KEYS[1] active pointer, KEYS[2] previous pointer, KEYS[3] history list
-- ARGV[1] history entry template, ARGV[2] version meta key template, ARGV[3] template slot, ARGV[4] history cap
-- Returns {switched (1/0), active or nil, previous or nil, refusal or nil}.
-- fill, recent_items and served_version are defined in shared.lua, which LuaScript puts in front.
local current = redis.call('GET', KEYS[1])
local previous = redis.call('GET', KEYS[2])
if not previous then
  return {0, current, false, 'there is no previous model version to roll back to'}
end
-- 'expected', not the hash itself: a late lineage can recreate the hash of a retired version.
if redis.call('HEXISTS', fill(ARGV[2], ARGV[3], previous), 'expected') == 0 then
  return {0, current, previous, 'previous model version ' .. previous .. ' was retired; activate another version instead'}
end
redis.call('SET', KEYS[1], previous)
if current then
  redis.call('SET', KEYS[2], current)
else
  redis.call('DEL', KEYS[2])
end
redis.call('LPUSH', KEYS[3], fill(ARGV[1], ARGV[3], previous))
redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[4]) - 1)
return {1, previous, current, false}
