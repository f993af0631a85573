-- Pins a cohort to a complete version; checking and pinning in one step, so a half-loaded version is never served.
-- KEYS[1] the version meta hash, KEYS[2] the cohort pins hash
-- ARGV[1] cohort, ARGV[2] version
-- Returns nil when pinned, else the refusal.
local meta = redis.call('HMGET', KEYS[1], 'expected', 'loaded')
if not meta[1] then
  return 'unknown model version ' .. ARGV[2] .. ' (never staged, or retired)'
end
local loaded = tonumber(meta[2] or '0')
if loaded < tonumber(meta[1]) then
  return 'model version ' .. ARGV[2] .. ' is incomplete: loaded ' .. loaded .. ' of ' .. meta[1] .. ' lists'
end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
return false
