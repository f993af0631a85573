-- Writes a product's metadata hash whole and its place among the newest products, atomically.
-- KEYS[1] the product hash, KEYS[2] the newest products (all categories)
-- ARGV[1] template slot, ARGV[2] a category's newest-products key template (slot = category),
-- ARGV[3] product id, ARGV[4] when it appeared (epoch millis), ARGV[5..] field, value, field, value ...
-- The first appearance is the earliest time ever written (ZADD LT), so replays and duplicates
-- change nothing; the category's set gets the same time, and a product that changed category
-- leaves its old category's set.
-- fill, recent_items and served_version are defined in shared.lua, which LuaScript puts in front.
local old = redis.call('HGET', KEYS[1], 'category')
redis.call('DEL', KEYS[1])
local fields = {}
local category = false
for i = 5, #ARGV, 2 do
  fields[#fields + 1] = ARGV[i]
  fields[#fields + 1] = ARGV[i + 1]
  if ARGV[i] == 'category' then
    category = ARGV[i + 1]
  end
end
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('ZADD', KEYS[2], 'LT', ARGV[4], ARGV[3])
local first = redis.call('ZSCORE', KEYS[2], ARGV[3])
if old and old ~= category then
  redis.call('ZREM', fill(ARGV[2], ARGV[1], old), ARGV[3])
end
if category then
  redis.call('ZADD', fill(ARGV[2], ARGV[1], category), first, ARGV[3])
end
return 1
