-- Events of a month without its own partition land in the default partition, so writing an event
-- never creates a partition: creating one takes an ACCESS EXCLUSIVE lock on events, which an
-- analyst's open transaction blocks, and every insert queued behind it with it. The monthly
-- partitions are created ahead of time by the streams processor (EventPartitions), with a short
-- lock_timeout, off the write path. Anything outside that window (imports from years ago, a
-- clock in 2099) stays in events_default.
SET LOCAL lock_timeout = '10s';

CREATE TABLE IF NOT EXISTS events_default PARTITION OF events DEFAULT;

COMMENT ON TABLE events_default IS
    'Events of months without their own partition (far past or future); query events, not this table.';

-- The analyst reads it through events; V5's default privileges already grant SELECT, said here too.
GRANT SELECT ON events_default TO analyst;
