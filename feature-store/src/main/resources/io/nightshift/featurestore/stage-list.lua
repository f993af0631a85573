-- Stages one list (a product's or a user's) under a model version and counts it, atomically.
-- KEYS[1] the version list key, KEYS[2] the version meta hash
-- ARGV[1] the encoded list, ARGV[2] expected total, ARGV[3] now (epoch millis)
-- Returns {loaded, expected, complete (1/0)}.
local isNew = redis.call('EXISTS', KEYS[1]) == 0
redis.call('SET', KEYS[1], ARGV[1])
local loaded
if isNew then
  loaded = redis.call('HINCRBY', KEYS[2], 'loaded', 1)
else
  -- re-staged (a replay or a duplicate): replace the list, never count it twice
  loaded = tonumber(redis.call('HGET', KEYS[2], 'loaded') or '0')
end
local expected = tonumber(ARGV[2])
local status = 'staging'
if loaded >= expected then
  status = 'complete'
end
redis.call('HSET', KEYS[2], 'expected', ARGV[2], 'status', status, 'touched', ARGV[3])
if status == 'complete' then
  return {loaded, expected, 1}
end
return {loaded, expected, 0}
