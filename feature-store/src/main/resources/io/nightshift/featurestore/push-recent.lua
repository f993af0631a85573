-- Records one of a user's recent items in the sorted set of their items scored by event time.
-- KEYS[1] the user's recent items
-- ARGV[1] product id, ARGV[2] when it was seen (epoch millis), ARGV[3] how many items to keep,
-- ARGV[4] time to live in milliseconds
-- Epoch millis stay far below 2^53, so a Lua double (and a sorted-set score) holds them exactly.
local key = KEYS[1]
if redis.call('TYPE', key).ok == 'list' then
  -- The layout before recent items were ordered by event time: a list, newest first, without
  -- times. Its items become the oldest ones, in their order, so nothing a shopper saw is lost.
  local items = redis.call('LRANGE', key, 0, -1)
  redis.call('DEL', key)
  for i, item in ipairs(items) do
    redis.call('ZADD', key, -i, item)
  end
end
-- GT: a product keeps its latest time, so an older event arriving late does not push it back.
redis.call('ZADD', key, 'GT', ARGV[2], ARGV[1])
redis.call('ZREMRANGEBYRANK', key, 0, -(tonumber(ARGV[3]) + 1))
redis.call('PEXPIRE', key, ARGV[4])
return 1
