-- Functions several scripts need, put in front of them by LuaScript (a script is one chunk, so
-- these are defined once here and loaded into each).

-- The template with its slot replaced by value: keys built inside Redis come from templates that
-- RedisKeys produced, so the layout is defined in one place only.
local function fill(template, slot, value)
  local at = string.find(template, slot, 1, true)
  return string.sub(template, 1, at - 1) .. value .. string.sub(template, at + string.len(slot))
end

-- A shopper's recent items, newest first: a sorted set by event time; a list is the layout from
-- before that (newest first already), read as it is until the user's next event converts it.
local function recent_items(key)
  if redis.call('TYPE', key).ok == 'list' then
    return redis.call('LRANGE', key, 0, -1)
  end
  return redis.call('ZREVRANGE', key, 0, -1)
end

-- The active version, and the version this cohort is served: its pin, else the active one.
local function served_version(active_key, pins_key, cohort)
  local active = redis.call('GET', active_key)
  local served = active
  if cohort ~= '' then
    local pinned = redis.call('HGET', pins_key, cohort)
    if pinned then
      served = pinned
    end
  end
  return active, served
end

