-- Everything one recommendation answer needs, read atomically in one round trip.
-- KEYS[1] active pointer, KEYS[2] cohort pins, KEYS[3] fresh list, KEYS[4] product hash,
-- KEYS[5] popular, KEYS[6] kill switches, and with a user: KEYS[7] recent items (sorted set by event time), KEYS[8] purchases
-- ARGV[1] cohort ('' for none), ARGV[2] template slot, ARGV[3] version list key template (slot = version),
-- ARGV[4] trending key template (slot = category), ARGV[5] how many trending and popular items
-- Keys built here (the served version's list, the category's trending set) come from templates
-- that RedisKeys produced, so the layout is defined in one place only.
-- Returns {active, served, batch list, fresh list, product hash, trending, popular, recent, purchased, switches};
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
local n = tonumber(ARGV[5])
local active = redis.call('GET', KEYS[1])
local served = active
if ARGV[1] ~= '' then
  local pinned = redis.call('HGET', KEYS[2], ARGV[1])
  if pinned then
    served = pinned
  end
end
local batch = false
if served then
  batch = redis.call('GET', fill(ARGV[3], served))
end
local fresh = redis.call('GET', KEYS[3])
local product = redis.call('HGETALL', KEYS[4])
local trending = {}
local category = redis.call('HGET', KEYS[4], 'category')
if category and n > 0 then
  trending = redis.call('ZREVRANGE', fill(ARGV[4], category), 0, n - 1, 'WITHSCORES')
end
local popular = {}
if n > 0 then
  popular = redis.call('ZREVRANGE', KEYS[5], 0, n - 1, 'WITHSCORES')
end
local switches = redis.call('HGETALL', KEYS[6])
local recent = {}
local purchased = {}
if #KEYS >= 8 then
  recent = recent_items(KEYS[7])
  purchased = redis.call('SMEMBERS', KEYS[8])
end
return {active, served, batch, fresh, product, trending, popular, recent, purchased, switches}
