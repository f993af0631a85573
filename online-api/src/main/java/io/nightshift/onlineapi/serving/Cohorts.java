package io.nightshift.onlineapi.serving;

import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Puts each known user in one A/B cohort, the same one on every request and every instance:
 * a hash of the user id, not a random draw. The store applies a cohort's pin (its model version).
 */
@Component
public class Cohorts {

    private final Map<String, Integer> weights;
    private final int total;

    Cohorts(ServingProperties properties) {
        this.weights = properties.sortedCohorts();
        this.total = weights.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The cohorts users are put in (nightshift.serving.cohorts), by name; only these may be pinned. */
    public Set<String> names() {
        return new TreeSet<>(weights.keySet());
    }

    /** Each cohort's weight, by name: a cohort's share of known users is its weight over the sum. */
    public Map<String, Integer> weights() {
        return java.util.Collections.unmodifiableMap(weights);
    }

    /** The user's cohort, or {@code null} for anonymous shoppers (they get the active version). */
    String of(String userId) {
        if (userId == null) {
            return null;
        }
        long point = Math.floorMod(hash(userId), (long) total);
        long upTo = 0;
        String last = null;
        for (var cohort : weights.entrySet()) {
            upTo += cohort.getValue();
            last = cohort.getKey();
            if (point < upTo) {
                return last;
            }
        }
        return last;
    }

    private static long hash(String userId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(userId.getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (digest[i] & 0xff);
            }
            return value;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
