package io.nightshift.onlineapi.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One token bucket per client. A bucket that has refilled completely holds no information (a new
 * one starts full), so dropping it loses nothing: that is how idle clients are evicted. When
 * {@code maxClients} buckets are busy, further clients share one overflow bucket: under a flood
 * of addresses new clients are limited together rather than the heap growing.
 */
final class ClientBuckets {

    static final String OVERFLOW = "(overflow)";

    private final double tokensPerNano;
    private final double burst;
    private final int maxClients;
    private final long sweepEveryNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile long lastSweep;

    ClientBuckets(double requestsPerSecond, int burst, int maxClients, long sweepEveryNanos, LongSupplier nanoTime) {
        this.tokensPerNano = requestsPerSecond / TimeUnit.SECONDS.toNanos(1);
        this.burst = burst;
        this.maxClients = maxClients;
        this.sweepEveryNanos = sweepEveryNanos;
        this.nanoTime = nanoTime;
        this.lastSweep = nanoTime.getAsLong();
    }

    /** Takes a token: 0 when the request may go on, else the nanoseconds until the next token. */
    long take(String client) {
        long now = nanoTime.getAsLong();
        if (now - lastSweep > sweepEveryNanos) {
            sweep(now);
        }
        Bucket bucket = buckets.get(client);
        if (bucket == null) {
            if (buckets.size() >= maxClients) {
                sweep(now);
            }
            String key = buckets.size() >= maxClients ? OVERFLOW : client;
            bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        }
        return bucket.take(now, tokensPerNano, burst);
    }

    int size() {
        return buckets.size();
    }

    private void sweep(long now) {
        lastSweep = now;
        buckets.entrySet().removeIf(entry -> entry.getValue().fullAt(now, tokensPerNano, burst));
    }

    private static final class Bucket {

        private double tokens;
        private long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        synchronized long take(long now, double tokensPerNano, double burst) {
            refill(now, tokensPerNano, burst);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / tokensPerNano));
        }

        synchronized boolean fullAt(long now, double tokensPerNano, double burst) {
            return tokens + (now - updated) * tokensPerNano >= burst;
        }

        private void refill(long now, double tokensPerNano, double burst) {
            tokens = Math.min(burst, tokens + (now - updated) * tokensPerNano);
            updated = now;
        }
    }
}
