-- The laptop's local store. Every table but the Spring Batch ones is a projection of Kafka or
-- something derived from it, so losing this file costs a re-sync, never data.

-- Interaction events from shop.events.v1; event_id makes replays and duplicates change nothing.
CREATE TABLE IF NOT EXISTS interactions (
    event_id    UUID PRIMARY KEY,
    user_key    VARCHAR(128) NOT NULL,
    product_id  VARCHAR(128) NOT NULL,
    event_type  VARCHAR(32)  NOT NULL,
    event_value DOUBLE PRECISION,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX IF NOT EXISTS interactions_by_user ON interactions (user_key, occurred_at);
-- Popularity joins products to interactions by product; without this it scanned the table per
-- product (8.5 minutes on Amazon Beauty's 200k interactions).
CREATE INDEX IF NOT EXISTS interactions_by_product ON interactions (product_id, user_key);

-- The current catalog from shop.catalog.v1 (deleted products are removed).
CREATE TABLE IF NOT EXISTS products (
    product_id VARCHAR(128) PRIMARY KEY,
    category   VARCHAR(256),
    available  BOOLEAN NOT NULL
);

-- Next offset to read per topic partition, written in the same transaction as the records.
CREATE TABLE IF NOT EXISTS topic_offsets (
    topic        VARCHAR(255) NOT NULL,
    partition_no INT          NOT NULL,
    next_offset  BIGINT       NOT NULL,
    PRIMARY KEY (topic, partition_no)
);

-- Trained models (JSON), so a restarted run and a restarted process find the model again.
CREATE TABLE IF NOT EXISTS models (
    model_version VARCHAR(64) PRIMARY KEY,
    trained_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    published     BOOLEAN NOT NULL DEFAULT FALSE,
    content       BLOB NOT NULL
);

-- Lists computed by scoreCatalog, waiting for publishVersion.
CREATE TABLE IF NOT EXISTS scored_lists (
    model_version VARCHAR(64)  NOT NULL,
    product_id    VARCHAR(128) NOT NULL,
    items         CLOB         NOT NULL,
    PRIMARY KEY (model_version, product_id)
);

-- The nightly schedule as last set by the owner, and the last fire time handled.
CREATE TABLE IF NOT EXISTS schedule (
    id         INT PRIMARY KEY,
    cron       VARCHAR(128) NOT NULL,
    time_zone  VARCHAR(64)  NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_fire  TIMESTAMP WITH TIME ZONE
);

-- Shoppers' "for you" lists computed by trainModel with the model chosen for that task,
-- waiting for publishVersion (keyed by the shopper's key: user id, or session id when anonymous).
CREATE TABLE IF NOT EXISTS user_lists (
    model_version VARCHAR(64)  NOT NULL,
    user_key      VARCHAR(128) NOT NULL,
    items         CLOB         NOT NULL,
    PRIMARY KEY (model_version, user_key)
);
