package io.nightshift.cli.stack;

import java.time.Duration;

/**
 * When the supervisor starts a crashed application again: at once would hammer a server that is
 * itself down (an app that dies because Kafka is stopped would restart hundreds of times a
 * minute), never would leave the shop without its streams processor. So the wait doubles with
 * each crash in a row, up to a cap, and a run that lasted {@code stableAfter} forgives the past.
 *
 * @param first          the wait before the first restart
 * @param cap            the longest wait; a crash loop keeps retrying at this pace, so an app
 *                       that needs a server back recovers by itself once it is
 * @param stableAfter    how long a run must last for the crashes before it to stop counting
 * @param crashLoopAfter how many crashes in a row make a crash loop (reported, not hidden)
 */
public record Backoff(Duration first, Duration cap, Duration stableAfter, int crashLoopAfter) {

    /** 1 s, 2 s, 4 s … 60 s; a JVM app takes some 20–40 s to start, so two minutes up is a real run. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(2), 5);

    public Backoff {
        if (first.isNegative() || first.isZero() || cap.compareTo(first) < 0 || crashLoopAfter < 1) {
            throw new IllegalArgumentException("a backoff needs 0 < first <= cap and crashLoopAfter >= 1, got " + this);
        }
    }

    /**
     * @param crashesInARow crashes since the app last ran for {@code stableAfter}, this one included (1 or more)
     * @return how long to wait before starting it again
     */
    public Duration delayAfter(int crashesInARow) {
        if (crashesInARow < 1) {
            throw new IllegalArgumentException("crashesInARow starts at 1, got " + crashesInARow);
        }
        // Doubling past 2^30 overflows long before it matters: the cap has been reached long before.
        int doublings = Math.min(crashesInARow - 1, 30);
        Duration delay = first.multipliedBy(1L << doublings);
        return delay.compareTo(cap) > 0 ? cap : delay;
    }

    public boolean isCrashLoop(int crashesInARow) {
        return crashesInARow >= crashLoopAfter;
    }
}
