-- Everything one recommendation answer needs, read atomically in one round trip.
-- KEYS[1] active pointer, KEYS[2] cohort pins, KEYS[3] fresh list, KEYS[4] product hash,
-- KEYS[5] popular, KEYS[6] kill switches, and with a user: KEYS[7] recent items (sorted set by event time), KEYS[8] purchases
-- ARGV[1] cohort ('' for none), ARGV[2] template slot, ARGV[3] version list key template (slot = version),
-- ARGV[4] trending key template (slot = category), ARGV[5] how many trending and popular items,
-- ARGV[6] (optional) the category whose trending set to read instead of the product's ('' or absent: the product's)
-- Keys built here (the served version's list, the category's trending set) come from templates
-- that RedisKeys produced, so the layout is defined in one place only.
-- Returns {active, served, batch list, fresh list, product hash, trending, popular, recent, purchased, switches};
-- missing values are false (a nil reply), never a hole in the array.
-- fill, recent_items and served_version are defined in shared.lua, which LuaScript puts in front.
local n = tonumber(ARGV[5])
local active, served = served_version(KEYS[1], KEYS[2], ARGV[1])
local batch = false
if served then
  batch = redis.call('GET', fill(ARGV[3], ARGV[2], served))
end
local fresh = redis.call('GET', KEYS[3])
local product = redis.call('HGETALL', KEYS[4])
local trending = {}
local category = ARGV[6]
if not category or category == '' then
  category = redis.call('HGET', KEYS[4], 'category')
end
if category and n > 0 then
  trending = redis.call('ZREVRANGE', fill(ARGV[4], ARGV[2], category), 0, n - 1, 'WITHSCORES')
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
