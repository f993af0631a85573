package io.nightshift.onlineapi.admin;

import java.time.Duration;
import java.time.Instant;

/**
 * A job's pace, from the progress its heartbeats report: the earliest point seen for the job and the
 * latest one, by the heartbeats' own send times (a report read out of order still counts). The ETA is
 * the average rate between them applied to what is left, so a pause (deferred for battery or heat)
 * lengthens it; one point alone gives no rate. Progress going backwards (a restarted run) starts over.
 * Immutable: the watch swaps it whole.
 */
record ProgressPace(double firstProgress, Instant firstAt, double lastProgress, Instant lastAt) {

    static ProgressPace start(double progress, Instant at) {
        return new ProgressPace(progress, at, progress, at);
    }

    /** The pace after one more report of the same job ({@code pace} null: its first). */
    static ProgressPace next(ProgressPace pace, double progress, Instant at) {
        if (pace == null) {
            return start(progress, at);
        }
        if (at.isAfter(pace.lastAt)) {
            return progress < pace.lastProgress ? start(progress, at) : new ProgressPace(pace.firstProgress, pace.firstAt, progress, at);
        }
        if (at.isBefore(pace.firstAt) && progress <= pace.firstProgress) {
            return new ProgressPace(progress, at, pace.lastProgress, pace.lastAt);
        }
        return pace;
    }

    /** Seconds left at the average rate so far, or {@code null} while there is no rate yet. */
    Long etaSeconds() {
        double gained = lastProgress - firstProgress;
        long elapsedMillis = Duration.between(firstAt, lastAt).toMillis();
        if (gained <= 0 || elapsedMillis <= 0) {
            return null;
        }
        double left = Math.max(0, 1 - lastProgress);
        return Math.round(left / gained * elapsedMillis / 1000.0);
    }
}
