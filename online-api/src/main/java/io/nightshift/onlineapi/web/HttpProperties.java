package io.nightshift.onlineapi.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the HTTP edge.
 *
 * @param maxRequestSize the largest request body accepted; more is a 413 (a batch of 500 events fits easily in the default)
 */
@ConfigurationProperties("nightshift.http")
record HttpProperties(@DefaultValue("1MB") DataSize maxRequestSize) {

    HttpProperties {
        if (maxRequestSize.toBytes() < 1) {
            throw new IllegalArgumentException("nightshift.http.max-request-size must be positive, got " + maxRequestSize);
        }
    }
}
