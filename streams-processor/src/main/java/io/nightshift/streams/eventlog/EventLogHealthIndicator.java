package io.nightshift.streams.eventlog;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** DOWN while PostgreSQL refuses the log's writes; the details say the events wait in Kafka meanwhile. */
final class EventLogHealthIndicator implements HealthIndicator {

    private final EventLogSink sink;

    EventLogHealthIndicator(EventLogSink sink) {
        this.sink = sink;
    }

    @Override
    public Health health() {
        EventLogSink.SinkStatus status = sink.status();
        Health.Builder health = status.healthy() ? Health.up() : Health.down();
        health.withDetail("state", status.state()).withDetail("eventsWritten", status.eventsWritten());
        if (status.lastBatchAt() != null) {
            health.withDetail("lastBatchAt", status.lastBatchAt().toString());
        }
        if (status.lastError() != null) {
            health.withDetail("error", status.lastError())
                    .withDetail("meanwhile", "events wait in Kafka and are written when PostgreSQL answers again");
        }
        return health.build();
    }
}
