-- Stores a fresh list unless the stored one was computed later.
-- KEYS[1] the fresh list key
-- ARGV[1] the encoded list, ARGV[2] time to live in milliseconds
-- Bytes 2..9 of an encoded list are computedAt as a big-endian long (see ProductListCodec).
-- They are compared as numbers, not as strings: Lua's string '<' goes through strcoll, and
-- redis-server takes LC_COLLATE from its environment, so byte order is not guaranteed.
-- Epoch millis stay far below 2^53, so a Lua double holds them exactly.
-- Returns 1 when stored, 0 when the stored list is newer.
local function computed_at(encoded)
  if string.len(encoded) < 9 then
    return nil
  end
  local millis = 0
  for i = 2, 9 do
    millis = millis * 256 + string.byte(encoded, i)
  end
  return millis
end
local stored = redis.call('GET', KEYS[1])
if stored then
  local stored_at = computed_at(stored)
  -- an unreadable stored value (nil) is replaced
  if stored_at and stored_at > computed_at(ARGV[1]) then
    return 0
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
