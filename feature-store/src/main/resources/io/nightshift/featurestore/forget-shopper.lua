-- Forgets a shopper's features from the events up to an erasure, atomically.
-- KEYS[1] the user's recent items (scored by event time), KEYS[2] the user's purchases
-- ARGV[1] the erasure's time (epoch millis)
-- Recent items seen at or before the erasure go. A purchase has no time of its own: it stays only
-- while the product is among the recent items seen after the erasure (every purchase is also a
-- recent item), so an erasure applied again later never takes away what came after it.
if redis.call('TYPE', KEYS[1]).ok == 'list' then
  -- The layout before recent items had times: everything in it predates this release.
  redis.call('DEL', KEYS[1])
else
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
end
local removed = 0
for _, item in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  if not redis.call('ZSCORE', KEYS[1], item) then
    removed = removed + redis.call('SREM', KEYS[2], item)
  end
end
return removed
