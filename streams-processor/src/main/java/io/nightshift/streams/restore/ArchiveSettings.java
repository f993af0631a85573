package io.nightshift.streams.restore;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The copy of the active version on {@code reco.active.v1} ({@code nightshift.archive.*}).
 *
 * @param checkEvery how often the active pointer in Redis is compared with the copy; a new version
 *                   is copied at most this long after its activation
 */
@ConfigurationProperties("nightshift.archive")
public record ArchiveSettings(@DefaultValue("30s") Duration checkEvery) {

    public ArchiveSettings {
        if (checkEvery.isNegative() || checkEvery.isZero()) {
            throw new IllegalArgumentException("nightshift.archive.check-every must be positive, was " + checkEvery);
        }
    }
}
