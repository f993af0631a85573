-- Everything one "for you" answer needs, read atomically in one round trip.
-- KEYS[1] active pointer, KEYS[2] cohort pins, KEYS[3] popular, KEYS[4] kill switches,
-- KEYS[5] the user's recent items (sorted set by event time), KEYS[6] the user's purchases
-- ARGV[1] cohort ('' for none), ARGV[2] template slot, ARGV[3] user list key template (slot = version),
-- ARGV[4] how many popular (and trending) items, and optionally ARGV[5] the trending key template (slot = category)
-- with ARGV[6] a category whose trending set to read too (a "for you" list filtered to that category fills up from it)
-- The served version's user-list key is built here from a template that RedisKeys produced, so
-- the layout is defined in one place only.
-- Returns {active, served, user list, recent, purchased, popular, switches, trending};
-- missing values are false (a nil reply), never a hole in the array.
-- fill, recent_items and served_version are defined in shared.lua, which LuaScript puts in front.
local n = tonumber(ARGV[4])
local active, served = served_version(KEYS[1], KEYS[2], ARGV[1])
local list = false
if served then
  list = redis.call('GET', fill(ARGV[3], ARGV[2], served))
end
local recent = recent_items(KEYS[5])
local purchased = redis.call('SMEMBERS', KEYS[6])
local popular = {}
if n > 0 then
  popular = redis.call('ZREVRANGE', KEYS[3], 0, n - 1, 'WITHSCORES')
end
local switches = redis.call('HGETALL', KEYS[4])
local trending = {}
if ARGV[6] and ARGV[6] ~= '' and n > 0 then
  trending = redis.call('ZREVRANGE', fill(ARGV[5], ARGV[2], ARGV[6]), 0, n - 1, 'WITHSCORES')
end
return {active, served, list, recent, purchased, popular, switches, trending}
