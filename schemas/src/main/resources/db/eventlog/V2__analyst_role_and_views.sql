-- The analysts' side of the event log: views for the usual questions, and a read-only role to
-- ask them with from any SQL client. The role's password comes from the Flyway placeholder
-- analyst_password (the streams processor passes nightshift.eventlog.analyst-password, default
-- 'analyst'); change it in production.

-- The shop's funnel per UTC day: how many events of each step, and how many distinct shoppers
-- (user, or session when anonymous) reached each step.
CREATE VIEW daily_funnel AS
SELECT (occurred_at AT TIME ZONE 'UTC')::date                                                    AS day,
       count(*) FILTER (WHERE type = 'view')                                                       AS views,
       count(*) FILTER (WHERE type = 'add_to_cart')                                                AS add_to_carts,
       count(*) FILTER (WHERE type = 'purchase')                                                   AS purchases,
       count(DISTINCT coalesce(user_id, session_id)) FILTER (WHERE type = 'view')                  AS viewers,
       count(DISTINCT coalesce(user_id, session_id)) FILTER (WHERE type = 'add_to_cart')           AS cart_shoppers,
       count(DISTINCT coalesce(user_id, session_id)) FILTER (WHERE type = 'purchase')              AS buyers,
       round(count(DISTINCT coalesce(user_id, session_id)) FILTER (WHERE type = 'purchase')::numeric
             / nullif(count(DISTINCT coalesce(user_id, session_id)) FILTER (WHERE type = 'view'), 0), 4) AS view_to_purchase
FROM events
WHERE type IN ('view', 'add_to_cart', 'purchase')
GROUP BY 1;

COMMENT ON VIEW daily_funnel IS
    'Views, carts and purchases per UTC day, as events and as distinct shoppers (user, else session); view_to_purchase = buyers / viewers.';

-- Click-through of served recommendations per UTC day, tier, model version and A/B cohort. An
-- answer counts as clicked when any reco_clicked carries its request id (a click names the
-- answer it came from), however many items of it were clicked. Roll up with SUM(served) and
-- SUM(clicked) for coarser groupings; never average the ctr column.
CREATE VIEW reco_ctr AS
WITH served AS (
    SELECT request_id, (occurred_at AT TIME ZONE 'UTC')::date AS day, tier, model_version, cohort
    FROM events
    WHERE type = 'reco_served'),
clicked AS (
    SELECT DISTINCT request_id
    FROM events
    WHERE type = 'reco_clicked' AND request_id IS NOT NULL)
SELECT s.day,
       s.tier,
       s.model_version,
       s.cohort,
       count(*)                                           AS served,
       count(c.request_id)                                AS clicked,
       round(count(c.request_id)::numeric / count(*), 4)  AS ctr
FROM served s
LEFT JOIN clicked c ON c.request_id = s.request_id
GROUP BY s.day, s.tier, s.model_version, s.cohort;

COMMENT ON VIEW reco_ctr IS
    'Served answers, clicked answers and their ratio per UTC day, tier, model version and cohort. Sum served and clicked to roll up.';

-- The read-only role. Roles belong to the whole server, not to one database, so creating it must
-- survive a second database on the same server having created it already.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'analyst') THEN
        EXECUTE format('CREATE ROLE analyst LOGIN PASSWORD %L', '${analyst_password}');
    ELSE
        EXECUTE format('ALTER ROLE analyst LOGIN PASSWORD %L', '${analyst_password}');
    END IF;
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO analyst', current_database());
END
$$;

-- Belt and braces: even a grant given by mistake later cannot make the analysts' sessions write,
-- and a runaway query cannot hold the sink's tables for ever.
ALTER ROLE analyst SET default_transaction_read_only = on;
ALTER ROLE analyst SET statement_timeout = '120s';

GRANT USAGE ON SCHEMA public TO analyst;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO analyst;
-- Tables created later by the migrating role (new monthly partitions of events, future
-- migrations) are readable too.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO analyst;
