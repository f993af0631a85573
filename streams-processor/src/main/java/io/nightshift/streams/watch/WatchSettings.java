package io.nightshift.streams.watch;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The metrics that are asked from Kafka and Redis rather than counted in process ({@code nightshift.watch.*}).
 *
 * @param refreshEvery how often the consumer lag, the dead-letter topics and the active version are read; a
 *                     Prometheus scrape sees the latest reading, so this is about as often as it scrapes
 * @param timeout      how long one reading may wait for Kafka or Redis
 */
@ConfigurationProperties("nightshift.watch")
record WatchSettings(@DefaultValue("10s") Duration refreshEvery, @DefaultValue("5s") Duration timeout) {

    WatchSettings {
        if (refreshEvery.isNegative() || refreshEvery.isZero()) {
            throw new IllegalArgumentException("nightshift.watch.refresh-every must be positive, e.g. 10s");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("nightshift.watch.timeout must be positive, e.g. 5s");
        }
    }
}
