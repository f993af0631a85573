package io.nightshift.featurestore;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Numbers read back from Redis that cannot be used: not a number, or infinite. Such a value is a
 * data error in one key (written by an older version, by hand, or by a bug), so it costs the one
 * item that carries it, never the answer: it is skipped, counted, and logged at most once a
 * minute so a hot product cannot flood the log.
 */
final class UnreadableValues {

    private static final System.Logger LOG = System.getLogger(UnreadableValues.class.getName());
    private static final long LOG_EVERY_NANOS = 60_000_000_000L;

    private final AtomicLong count = new AtomicLong();
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

    /** The value as a finite double, or {@code null} when it is absent or unusable (then counted). */
    Double finiteOrNull(String raw, String what) {
        if (raw == null) {
            return null;
        }
        try {
            double value = Decimals.parse(raw);
            return isFinite(value, what) ? value : null;
        } catch (NumberFormatException e) {
            skipped(what, raw);
            return null;
        }
    }

    boolean isFinite(double value, String what) {
        if (Double.isFinite(value)) {
            return true;
        }
        skipped(what, Double.toString(value));
        return false;
    }

    long count() {
        return count.get();
    }

    private void skipped(String what, String raw) {
        long total = count.incrementAndGet();
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
            LOG.log(System.Logger.Level.WARNING, "skipping unreadable " + what + " (" + abbreviate(raw)
                    + "); " + total + " unreadable values so far; ./nightshift replay rewrites the features");
        }
    }

    private static String abbreviate(String raw) {
        return raw.length() <= 40 ? raw : raw.substring(0, 37) + "...";
    }
}
