-- The laptop's heartbeats, downsampled, and the views for the remaining usual questions: top
-- products by category, laptop availability per day, and freshness of served answers.

-- One row per laptop per UTC minute: the last heartbeat of that minute (heartbeats come every
-- few seconds, which nobody needs at that grain). Heartbeats carry no id: the minute is the key,
-- and a replayed or reordered heartbeat only replaces an older one, so replays change nothing.
CREATE TABLE laptop_heartbeats (
    laptop_id     text        NOT NULL,
    minute        timestamptz NOT NULL,
    sent_at       timestamptz NOT NULL,
    state         text,
    power         text,
    temperature_c double precision,
    device        text,
    running_job   text,
    progress      double precision,
    fresh_lag     bigint,
    PRIMARY KEY (laptop_id, minute)
);
CREATE INDEX laptop_heartbeats_minute ON laptop_heartbeats (minute);

COMMENT ON TABLE laptop_heartbeats IS
    'The laptop''s last heartbeat per UTC minute (laptop.heartbeat.v1 keeps one day; this table keeps them all).';

-- Products ranked within their current category by purchases, then carts, then views, over the
-- whole log. Filter on rank_in_category for a top N; join events yourself for a time window.
CREATE VIEW top_products_by_category AS
WITH counts AS (
    SELECT product_id,
           count(*) FILTER (WHERE type = 'view')        AS views,
           count(*) FILTER (WHERE type = 'add_to_cart') AS add_to_carts,
           count(*) FILTER (WHERE type = 'purchase')    AS purchases
    FROM events
    WHERE type IN ('view', 'add_to_cart', 'purchase')
    GROUP BY product_id)
SELECT coalesce(p.category, '(unknown)') AS category,
       c.product_id,
       p.name,
       c.views,
       c.add_to_carts,
       c.purchases,
       rank() OVER (PARTITION BY coalesce(p.category, '(unknown)')
                    ORDER BY c.purchases DESC, c.add_to_carts DESC, c.views DESC) AS rank_in_category
FROM counts c
LEFT JOIN catalog_products p ON p.product_id = c.product_id;

COMMENT ON VIEW top_products_by_category IS
    'Every product with views, carts and purchases over the whole log, ranked within its current category (purchases, then carts, then views).';

-- How much of each UTC day the laptop was reachable: minutes with at least one heartbeat, out of
-- the day (or of the part of today that has passed).
CREATE VIEW laptop_availability_daily AS
SELECT laptop_id,
       (minute AT TIME ZONE 'UTC')::date                                        AS day,
       count(*)                                                                 AS minutes_online,
       round(count(*)::numeric / CASE
           WHEN (minute AT TIME ZONE 'UTC')::date = (now() AT TIME ZONE 'UTC')::date
               THEN greatest(1, extract(epoch FROM (now() - date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')) / 60)
           ELSE 1440 END::numeric, 4)                                           AS availability,
       count(*) FILTER (WHERE power = 'battery')                                AS minutes_on_battery,
       count(*) FILTER (WHERE state = 'running')                                AS minutes_running,
       count(*) FILTER (WHERE state = 'deferred')                               AS minutes_deferred,
       max(temperature_c)                                                       AS max_temperature_c,
       min(sent_at)                                                             AS first_heartbeat,
       max(sent_at)                                                             AS last_heartbeat
FROM laptop_heartbeats
GROUP BY laptop_id, (minute AT TIME ZONE 'UTC')::date;

COMMENT ON VIEW laptop_availability_daily IS
    'Per laptop and UTC day: minutes with a heartbeat, that as a share of the day (of the elapsed part for today), minutes on battery, running a job, deferred; hottest reading.';

-- How old the model behind each served answer was when it was served: served time minus the
-- time its version was published (or activated, when the publication was not logged). Tiers
-- without a model (trending, popular, last-known-good) have no age; they are listed with their
-- counts so the share of answers without a model is visible too.
CREATE VIEW served_freshness AS
SELECT (e.occurred_at AT TIME ZONE 'UTC')::date                                          AS day,
       e.tier,
       e.model_version,
       count(*)                                                                           AS served,
       round((avg(extract(epoch FROM e.occurred_at - coalesce(v.published_at, v.activated_at))) / 3600)::numeric, 2)
                                                                                          AS avg_model_age_hours,
       round((max(extract(epoch FROM e.occurred_at - coalesce(v.published_at, v.activated_at))) / 3600)::numeric, 2)
                                                                                          AS max_model_age_hours
FROM events e
LEFT JOIN model_versions v ON v.model_version = e.model_version
WHERE e.type = 'reco_served'
GROUP BY 1, 2, 3;

COMMENT ON VIEW served_freshness IS
    'Served answers per UTC day, tier and model version, with the average and maximum age (hours) of the model version when it answered.';

-- The default privileges of V2 cover these already; said explicitly so reading this file is enough.
GRANT SELECT ON laptop_heartbeats, top_products_by_category, laptop_availability_daily, served_freshness TO analyst;
