package io.nightshift.streams.runtime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The Kafka Streams application ({@code nightshift.streams.*}).
 *
 * @param applicationId       application id of the loader (computed lists, version switches); the features run as
 *                            {@code <applicationId>-features}, then {@code -features-gN} after the N-th replay; one per deployment
 * @param stateDir            where RocksDB stores live; {@code null} for a fresh temporary folder per instance
 *                            (state is then restored from the changelogs at each start)
 * @param dedupWindow         how long an event id is remembered: a duplicate later than this is counted again
 * @param activationCheck     how often waiting activation requests are retried
 * @param activationGiveUp    how long an activation request waits for its version to complete
 * @param retryBackoff        pause before a stream thread that failed (Redis away) is replaced
 */
@ConfigurationProperties("nightshift.streams")
public record StreamsSettings(
        @DefaultValue("nightshift-streams") String applicationId,
        Path stateDir,
        @DefaultValue("7d") Duration dedupWindow,
        @DefaultValue("1s") Duration activationCheck,
        @DefaultValue("24h") Duration activationGiveUp,
        @DefaultValue("2s") Duration retryBackoff) {

    public StreamsSettings {
        if (applicationId == null || applicationId.isBlank()) {
            throw new IllegalArgumentException("nightshift.streams.application-id must not be blank");
        }
        requirePositive(dedupWindow, "dedup-window");
        requirePositive(activationCheck, "activation-check");
        requirePositive(activationGiveUp, "activation-give-up");
        if (retryBackoff == null || retryBackoff.isNegative()) {
            throw new IllegalArgumentException("nightshift.streams.retry-backoff must not be negative, was " + retryBackoff);
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("nightshift.streams." + name + " must be a positive duration (e.g. 7d, 1s), was " + value);
        }
    }
}
