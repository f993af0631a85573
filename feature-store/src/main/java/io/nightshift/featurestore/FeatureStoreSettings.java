package io.nightshift.featurestore;

import java.time.Duration;

/** CONTRACT STUB: where Redis is and how long to wait for it. */
public record FeatureStoreSettings(String host, int port, Duration timeout, int poolSize) {

    public static FeatureStoreSettings of(String host, int port) {
        return new FeatureStoreSettings(host, port, Duration.ofMillis(200), 32);
    }
}
