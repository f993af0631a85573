package io.nightshift.streams.features;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * What {@link InteractionFeatures} forwards through the re-keying topic, keyed by product: a
 * deduplicated interaction's weight and time, all that {@link ProductPopularity} and
 * {@link CategoryTrending} need.
 */
record Interaction(double weight, Instant occurredAt) {

    byte[] encode() {
        return (weight + ";" + occurredAt.toEpochMilli()).getBytes(StandardCharsets.UTF_8);
    }

    static Interaction decode(byte[] bytes) {
        String[] parts = new String(bytes, StandardCharsets.UTF_8).split(";", 2);
        return new Interaction(Double.parseDouble(parts[0]), Instant.ofEpochMilli(Long.parseLong(parts[1])));
    }
}
