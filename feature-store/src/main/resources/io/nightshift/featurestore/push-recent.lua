-- Records one of a user's recent items in the sorted set of their items scored by event time.
-- KEYS[1] the user's recent items
-- ARGV[1] product id, ARGV[2] when it was seen (epoch millis), ARGV[3] '1' to place it at the
-- front whatever ARGV[2] says (arrival order, for callers without an event time), ARGV[4] how
-- many items to keep, ARGV[5] time to live in milliseconds
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
local at = tonumber(ARGV[2])
if ARGV[3] == '1' then
  local newest = redis.call('ZREVRANGE', key, 0, 0, 'WITHSCORES')
  if newest[2] and tonumber(newest[2]) >= at then
    at = tonumber(newest[2]) + 1
  end
end
-- GT: a product keeps its latest time, so an older event arriving late does not push it back.
redis.call('ZADD', key, 'GT', at, ARGV[1])
redis.call('ZREMRANGEBYRANK', key, 0, -(tonumber(ARGV[4]) + 1))
redis.call('PEXPIRE', key, ARGV[5])
return 1
