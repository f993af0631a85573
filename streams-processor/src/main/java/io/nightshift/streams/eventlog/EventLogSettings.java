package io.nightshift.streams.eventlog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The PostgreSQL event log ({@code nightshift.eventlog.*}).
 *
 * @param enabled         whether this instance copies the topics into PostgreSQL
 * @param groupId         the sink's consumer group: its committed offsets say how far the log is
 * @param maxBatch        records per poll, written in one database transaction
 * @param pollTimeout     how long one poll waits for records
 * @param retryBackoff    pause after a failed batch (PostgreSQL away) before it is tried again
 * @param analystPassword password of the analysts' read-only role, set by the migration (change it in production)
 */
@ConfigurationProperties("nightshift.eventlog")
public record EventLogSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("nightshift-eventlog") String groupId,
        @DefaultValue("500") int maxBatch,
        @DefaultValue("500ms") Duration pollTimeout,
        @DefaultValue("5s") Duration retryBackoff,
        @DefaultValue("analyst") String analystPassword) {

    public EventLogSettings {
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("nightshift.eventlog.group-id must not be blank");
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("nightshift.eventlog.max-batch must be at least 1, was " + maxBatch);
        }
        if (analystPassword == null || analystPassword.isEmpty() || analystPassword.contains("'")) {
            // The migration places it inside a SQL literal: a quote would end the literal early.
            throw new IllegalArgumentException("nightshift.eventlog.analyst-password must be non-empty and contain no single quote");
        }
    }
}
