-- The analysts' event log: a projection of Kafka, rebuilt by replay. Writers are idempotent
-- (every row is keyed by the id its Kafka record carries), so replays change nothing.

-- Every shop event ever accepted. Partitioned by month so old months can be detached or
-- dropped cheaply and queries over a time range touch only their months.
CREATE TABLE events (
    event_id       uuid        NOT NULL,
    occurred_at    timestamptz NOT NULL,
    type           text        NOT NULL,
    user_id        text,
    session_id     text,
    product_id     text        NOT NULL,
    value          double precision,
    request_id     text,
    tier           text,
    model_version  text,
    cohort         text,
    schema_version int         NOT NULL,
    kafka_partition int        NOT NULL,
    kafka_offset   bigint      NOT NULL,
    ingested_at    timestamptz NOT NULL DEFAULT now(),
    -- PostgreSQL requires the partition key in a partitioned table's unique constraints;
    -- event_ids below guarantees event_id alone is unique across all partitions.
    PRIMARY KEY (event_id, occurred_at)
) PARTITION BY RANGE (occurred_at);

-- The idempotency guard: one row per event id, whatever its month. The sink inserts here first
-- (ON CONFLICT DO NOTHING) and writes the event only when that insert took.
CREATE TABLE event_ids (
    event_id    uuid        PRIMARY KEY,
    occurred_at timestamptz NOT NULL
);

-- Creates the monthly partition holding ts if it does not exist yet. The sink calls it for each
-- month it meets (imports carry old timestamps), and the migration prepares the months around now.
CREATE FUNCTION ensure_event_partition(ts timestamptz) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    month_start date := date_trunc('month', ts AT TIME ZONE 'UTC')::date;
    partition_name text := format('events_%s', to_char(month_start, 'YYYY_MM'));
BEGIN
    IF to_regclass(partition_name) IS NULL THEN
        EXECUTE format(
            'CREATE TABLE IF NOT EXISTS %I PARTITION OF events FOR VALUES FROM (%L) TO (%L)',
            partition_name,
            (month_start::timestamp AT TIME ZONE 'UTC'),
            ((month_start + interval '1 month')::timestamp AT TIME ZONE 'UTC'));
    END IF;
    RETURN partition_name;
END;
$$;

SELECT ensure_event_partition(now() - interval '1 month');
SELECT ensure_event_partition(now());
SELECT ensure_event_partition(now() + interval '1 month');
SELECT ensure_event_partition(now() + interval '2 months');

CREATE INDEX events_product_time ON events (product_id, occurred_at);
CREATE INDEX events_user_time ON events (user_id, occurred_at);
CREATE INDEX events_type_time ON events (type, occurred_at);
CREATE INDEX events_request ON events (request_id) WHERE request_id IS NOT NULL;

-- The current catalog (one row per product) and every change to it.
CREATE TABLE catalog_products (
    product_id  text PRIMARY KEY,
    name        text,
    category    text,
    price       double precision,
    available   boolean     NOT NULL,
    deleted     boolean     NOT NULL DEFAULT false,
    updated_at  timestamptz NOT NULL
);

CREATE TABLE catalog_history (
    event_id    uuid PRIMARY KEY,
    product_id  text        NOT NULL,
    change      text        NOT NULL,
    name        text,
    category    text,
    price       double precision,
    available   boolean,
    occurred_at timestamptz NOT NULL
);
CREATE INDEX catalog_history_product ON catalog_history (product_id, occurred_at);

-- Model versions with their lineage, and who activated them when.
CREATE TABLE model_versions (
    model_version  text PRIMARY KEY,
    model_family   text,
    parameters     jsonb       NOT NULL DEFAULT '{}',
    metrics        jsonb       NOT NULL DEFAULT '{}',
    data_range     text,
    code_version   text,
    expected_total bigint,
    published_at   timestamptz,
    activated_at   timestamptz,
    activated_by   text,
    status         text        NOT NULL DEFAULT 'published'
);

-- Batch runs as the laptop reported them.
CREATE TABLE batch_runs (
    run_id      text PRIMARY KEY,
    status      text        NOT NULL,
    step        text,
    done        bigint      NOT NULL DEFAULT 0,
    total       bigint      NOT NULL DEFAULT 0,
    detail      text,
    started_at  timestamptz,
    updated_at  timestamptz NOT NULL,
    finished_at timestamptz
);
