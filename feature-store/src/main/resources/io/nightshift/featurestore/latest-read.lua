-- The newest products of the catalog, newest first, in one round trip: members of the latest set
-- whose product hash says available and, when a category is asked, is of that category.
-- KEYS[1] the latest sorted set (scored by first appearance), KEYS[2] kill switches
-- ARGV[1] template slot, ARGV[2] product key template (slot = product id), ARGV[3] category ('' for any),
-- ARGV[4] how many items, ARGV[5] the most members to look at (bounds the work when few match)
-- Returns {flat member, score, member, score … list, switches}.
-- fill, recent_items and served_version are defined in shared.lua, which LuaScript puts in front.
local want = tonumber(ARGV[4])
local budget = tonumber(ARGV[5])
local found = {}
local count = 0
local start = 0
while count < want and start < budget do
  local stop = math.min(start + 100, budget) - 1
  local members = redis.call('ZREVRANGE', KEYS[1], start, stop, 'WITHSCORES')
  if #members == 0 then
    break
  end
  for i = 1, #members, 2 do
    local meta = redis.call('HMGET', fill(ARGV[2], ARGV[1], members[i]), 'available', 'category')
    if (meta[1] == '1' or meta[1] == 'true') and (ARGV[3] == '' or meta[2] == ARGV[3]) then
      found[#found + 1] = members[i]
      found[#found + 1] = members[i + 1]
      count = count + 1
      if count >= want then
        break
      end
    end
  end
  start = stop + 1
end
return {found, redis.call('HGETALL', KEYS[2])}
