-- Everything one "for you" answer needs, read atomically in one round trip.
-- KEYS[1] active pointer, KEYS[2] cohort pins, KEYS[3] popular, KEYS[4] kill switches,
-- KEYS[5] the user's recent items (sorted set by event time), KEYS[6] the user's purchases
-- ARGV[1] cohort ('' for none), ARGV[2] template slot, ARGV[3] user list key template (slot = version),
-- ARGV[4] how many popular items
-- The served version's user-list key is built here from a template that RedisKeys produced, so
-- the layout is defined in one place only.
-- Returns {active, served, user list, recent, purchased, popular, switches};
-- missing values are false (a nil reply), never a hole in the array.
local function fill(template, value)
  local at = string.find(template, ARGV[2], 1, true)
  return string.sub(template, 1, at - 1) .. value .. string.sub(template, at + string.len(ARGV[2]))
end
local function recent_items(key)
  -- A sorted set by event time, read newest first; a list is the layout from before that
  -- (newest first already), read as it is until the user's next event converts it.
  if redis.call('TYPE', key).ok == 'list' then
    return redis.call('LRANGE', key, 0, -1)
  end
  return redis.call('ZREVRANGE', key, 0, -1)
end
local n = tonumber(ARGV[4])
local active = redis.call('GET', KEYS[1])
local served = active
if ARGV[1] ~= '' then
  local pinned = redis.call('HGET', KEYS[2], ARGV[1])
  if pinned then
    served = pinned
  end
end
local list = false
if served then
  list = redis.call('GET', fill(ARGV[3], served))
end
local recent = recent_items(KEYS[5])
local purchased = redis.call('SMEMBERS', KEYS[6])
local popular = {}
if n > 0 then
  popular = redis.call('ZREVRANGE', KEYS[3], 0, n - 1, 'WITHSCORES')
end
local switches = redis.call('HGETALL', KEYS[4])
return {active, served, list, recent, purchased, popular, switches}
