package io.nightshift.streams.analystlog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
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
 * @param lockTimeout     the longest the sink's statements wait for a lock (an analyst's open transaction, a
 *                        partition being created); past it the batch is retried after {@code retryBackoff}
 * @param statementTimeout the longest one of the sink's statements runs
 * @param partitionsAhead monthly partitions of {@code events} kept ready after the current month
 * @param partitionCheck  how often the sink checks that those partitions exist
 */
@ConfigurationProperties("nightshift.eventlog")
public record EventLogSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("nightshift-eventlog") String groupId,
        @DefaultValue("2000") int maxBatch,
        @DefaultValue("500ms") Duration pollTimeout,
        @DefaultValue("5s") Duration retryBackoff,
        @DefaultValue("analyst") String analystPassword,
        @DefaultValue("2s") Duration lockTimeout,
        @DefaultValue("30s") Duration statementTimeout,
        @DefaultValue("3") int partitionsAhead,
        @DefaultValue("1h") Duration partitionCheck) {

    /** The demo's settings for the given group, with the timings the tests pass. */
    public EventLogSettings(boolean enabled, String groupId, int maxBatch, Duration pollTimeout, Duration retryBackoff, String analystPassword) {
        this(enabled, groupId, maxBatch, pollTimeout, retryBackoff, analystPassword, Duration.ofSeconds(2), Duration.ofSeconds(30), 3,
                Duration.ofHours(1));
    }

    @ConstructorBinding
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
        requirePositive(lockTimeout, "lock-timeout");
        requirePositive(statementTimeout, "statement-timeout");
        requirePositive(partitionCheck, "partition-check");
        if (partitionsAhead < 1) {
            throw new IllegalArgumentException("nightshift.eventlog.partitions-ahead must be at least 1, was " + partitionsAhead);
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("nightshift.eventlog." + name + " must be a positive duration (e.g. 2s), was " + value);
        }
    }
}
