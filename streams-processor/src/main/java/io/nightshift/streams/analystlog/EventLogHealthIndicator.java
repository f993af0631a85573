package io.nightshift.streams.analystlog;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The processor's link to PostgreSQL. DOWN while PostgreSQL refuses the log's writes, and also
 * while the sink is idle (nothing to write) but PostgreSQL does not answer a validity check: an
 * idle sink's last success says nothing about now. The details say the events wait in Kafka
 * meanwhile.
 */
final class EventLogHealthIndicator implements HealthIndicator {

    private static final int VALID_WITHIN_SECONDS = 2;

    private final EventLogSink sink;
    private final DataSource dataSource;

    EventLogHealthIndicator(EventLogSink sink, DataSource dataSource) {
        this.sink = sink;
        this.dataSource = dataSource;
    }

    @Override
    public Health health() {
        EventLogSink.SinkStatus status = sink.status();
        String unreachable = status.healthy() ? unreachable() : null;
        Health.Builder health = status.healthy() && unreachable == null ? Health.up() : Health.down();
        health.withDetail("state", status.state()).withDetail("eventsWritten", status.eventsWritten());
        if (status.lastBatchAt() != null) {
            health.withDetail("lastBatchAt", status.lastBatchAt().toString());
        }
        String error = status.lastError() != null ? status.lastError() : unreachable;
        if (error != null) {
            health.withDetail("error", error)
                    .withDetail("meanwhile", "events wait in Kafka and are written when PostgreSQL answers again");
        }
        return health.build();
    }

    /** Null when PostgreSQL answers; otherwise why not (the error's class and SQLState, no address). */
    private String unreachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(VALID_WITHIN_SECONDS) ? null : "PostgreSQL did not answer within " + VALID_WITHIN_SECONDS + " s";
        } catch (SQLException e) {
            return "PostgreSQL unreachable (" + e.getClass().getSimpleName() + ", sqlstate " + e.getSQLState() + ")";
        }
    }
}
