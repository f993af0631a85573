-- Every control event as it was said: schedule changes, run requests, activation requests, kill
-- switches, version switches. model_versions and batch_runs hold the current state; this is the
-- story of how it got there. Keyed by the event id, so the sink's replays change nothing.
CREATE TABLE control_events (
    event_id    uuid PRIMARY KEY,
    type        text        NOT NULL,
    actor       text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    payload     jsonb       NOT NULL
);
CREATE INDEX control_events_type_time ON control_events (type, occurred_at);

COMMENT ON TABLE control_events IS
    'Every event of reco.control.v1 (owner, laptop and cloud instructions and reports) with its whole JSON payload.';
