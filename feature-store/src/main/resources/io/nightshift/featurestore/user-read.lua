-- Everything one "for you" answer needs, read atomically in one round trip, including (when the
-- user's own list will not do) the lists of the user's most recent items that the online
-- composition merges.
-- KEYS[1] active pointer, KEYS[2] cohort pins, KEYS[3] popular, KEYS[4] kill switches,
-- KEYS[5] the user's recent items (sorted set by event time), KEYS[6] the user's purchases
-- ARGV[1] cohort ('' for none), ARGV[2] template slot, ARGV[3] user list key template (slot = version),
-- ARGV[4] how many popular (and trending) items, ARGV[5] the trending key template (slot = category),
-- ARGV[6] a category whose trending set to read too ('' for none: a "for you" list filtered to that
-- category fills up from it), and optionally the seeds:
-- ARGV[7] how many of the newest recent items seed the composition (absent or 0: none),
-- ARGV[8] the seeds are read when the user's list holds fewer items than this that the user has not
-- bought or recently seen (a missing, unreadable or switched-off list holds none),
-- ARGV[9] product list key template (ARGV[2] = version, ARGV[10] = product), ARGV[10] the second slot,
-- ARGV[11] fresh list key template (slot = product), ARGV[12] product hash key template (slot = product),
-- ARGV[13] how many of a seed's trending items, ARGV[14] and ARGV[15] the kill-switch fields of the
-- batch and the fresh tier, ARGV[16] the kill-switch value that means switched off.
-- Keys built here come from templates that RedisKeys produced, so the layout is defined in one
-- place only; the list format is ProductListCodec's.
-- Returns {active, served, user list, recent, purchased, popular, switches, trending, seeds}, where
-- seeds is false when not read, else per seed (newest first) {product, batch list, fresh list, trending}:
-- the fresh list is read only when the batch list is missing, empty, unreadable or switched off,
-- trending (the product's category's) only when the fresh list is too; a list not read is false.
-- Missing values are false (a nil reply), never a hole in the array.
-- fill, recent_items and served_version are defined in shared.lua, which LuaScript puts in front.

-- An unsigned LEB128 varint at pos: the value and the position after it, or nil when malformed
-- (as ProductListCodec.readVarint: at most 5 bytes, below 2^31).
local function varint(s, pos)
  local value = 0
  local weight = 1
  for _ = 1, 5 do
    local b = string.byte(s, pos)
    if not b then
      return nil
    end
    pos = pos + 1
    value = value + (b % 128) * weight
    if b < 128 then
      if value > 2147483647 then
        return nil
      end
      return value, pos
    end
    weight = weight * 128
  end
  return nil
end

-- How many items an encoded list holds, from its header (ProductListCodec: format 1, computedAt
-- 8 bytes, model version, count), or nil when absent or unreadable. The items themselves are not
-- walked: that cost as much as the rest of the script.
local function list_count(encoded)
  if not encoded or string.byte(encoded, 1) ~= 1 then
    return nil
  end
  local length, pos = varint(encoded, 10)
  if not length or pos + length - 1 > string.len(encoded) then
    return nil
  end
  return (varint(encoded, pos + length))
end

-- An id as the encoded list holds it: its byte length as a varint, then its bytes.
local function encoded_id(id)
  local length = string.len(id)
  local prefix = ''
  while length >= 128 do
    prefix = prefix .. string.char(length % 128 + 128)
    length = math.floor(length / 128)
  end
  return prefix .. string.char(length) .. id
end

-- True when the encoded list is there, readable and not empty.
local function usable(encoded)
  local count = list_count(encoded)
  return count ~= nil and count > 0
end

-- Whether the encoded list holds the id: a plain substring search (in C, cheaper than walking the
-- list in Lua), then whether the byte before the match is the id's length as the list encodes it.
local function holds(encoded, id)
  local length = string.len(id)
  if length >= 128 then
    return string.find(encoded, encoded_id(id), 10, true) ~= nil
  end
  local from = 10
  while true do
    local at = string.find(encoded, id, from, true)
    if not at then
      return false
    end
    if string.byte(encoded, at - 1) == length then
      return true
    end
    from = at + 1
  end
end

-- Whether the encoded list holds at least `enough` items that are neither recent nor purchased.
-- Up to count - enough of the recent and purchased items may be on it; the search stops as soon
-- as the items left to look up could not exceed that, so the usual user (a few recent items) costs
-- no search, and one at the cap of 50 recent items with a list of 50 and a page of 10 costs 10.
-- Never says yes wrongly: an item both recent and purchased, or bytes that only look like an id,
-- count against the list, which at worst reads seeds that were not needed.
local function fills(encoded, recent, purchased, enough)
  local count = list_count(encoded)
  if not count then
    return false
  end
  local budget = count - enough
  if budget < 0 then
    return false
  end
  local left = #recent + #purchased
  local found = 0
  for _, had in ipairs({recent, purchased}) do
    for _, id in ipairs(had) do
      if found + left <= budget then
        return true
      end
      if holds(encoded, id) then
        found = found + 1
        if found > budget then
          return false
        end
      end
      left = left - 1
    end
  end
  return true
end

local n = tonumber(ARGV[4])
local active, served = served_version(KEYS[1], KEYS[2], ARGV[1])
local list = false
if served then
  list = redis.call('GET', fill(ARGV[3], ARGV[2], served))
end
local recent = recent_items(KEYS[5])
local purchased = redis.call('SMEMBERS', KEYS[6])
local popular = {}
if n > 0 then
  popular = redis.call('ZREVRANGE', KEYS[3], 0, n - 1, 'WITHSCORES')
end
local switches = redis.call('HGETALL', KEYS[4])
local trending = {}
if ARGV[6] and ARGV[6] ~= '' and n > 0 then
  trending = redis.call('ZREVRANGE', fill(ARGV[5], ARGV[2], ARGV[6]), 0, n - 1, 'WITHSCORES')
end

local seeds = false
local wanted = tonumber(ARGV[7] or '0')
if wanted > 0 then
  local off = {}
  for i = 1, #switches, 2 do
    off[switches[i]] = switches[i + 1] == ARGV[16]
  end
  if off[ARGV[14]] or not fills(list, recent, purchased, tonumber(ARGV[8])) then
    seeds = {}
    local seed_n = tonumber(ARGV[13])
    local batch_template = false
    if served then
      batch_template = fill(ARGV[9], ARGV[2], served)
    end
    for i = 1, math.min(wanted, #recent) do
      local seed = recent[i]
      local batch = false
      if batch_template then
        batch = redis.call('GET', fill(batch_template, ARGV[10], seed))
      end
      local fresh = false
      local seed_trending = false
      if off[ARGV[14]] or not usable(batch) then
        fresh = redis.call('GET', fill(ARGV[11], ARGV[2], seed))
        if off[ARGV[15]] or not usable(fresh) then
          seed_trending = {}
          local category = redis.call('HGET', fill(ARGV[12], ARGV[2], seed), 'category')
          if category and seed_n > 0 then
            seed_trending = redis.call('ZREVRANGE', fill(ARGV[5], ARGV[2], category), 0, seed_n - 1, 'WITHSCORES')
          end
        end
      end
      seeds[i] = {seed, batch, fresh, seed_trending}
    end
  end
end
return {active, served, list, recent, purchased, popular, switches, trending, seeds}
