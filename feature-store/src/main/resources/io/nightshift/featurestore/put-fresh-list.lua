-- Stores a fresh list unless the stored one was computed later.
-- KEYS[1] the fresh list key
-- ARGV[1] the encoded list, ARGV[2] time to live in milliseconds
-- Bytes 2..9 of an encoded list are computedAt as a big-endian long (see ProductListCodec):
-- for non-negative values, byte-string order is numeric order.
-- Returns 1 when stored, 0 when the stored list is newer.
local stored = redis.call('GET', KEYS[1])
if stored and string.sub(stored, 2, 9) > string.sub(ARGV[1], 2, 9) then
  return 0
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
