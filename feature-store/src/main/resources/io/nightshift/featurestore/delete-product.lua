-- Removes a product's metadata hash and its place among the newest products (all, and its category's), atomically.
-- KEYS[1] the product hash, KEYS[2] the newest products (all categories)
-- ARGV[1] template slot, ARGV[2] a category's newest-products key template (slot = category), ARGV[3] product id
-- fill, recent_items and served_version are defined in shared.lua, which LuaScript puts in front.
local old = redis.call('HGET', KEYS[1], 'category')
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[3])
if old then
  redis.call('ZREM', fill(ARGV[2], ARGV[1], old), ARGV[3])
end
return 1
