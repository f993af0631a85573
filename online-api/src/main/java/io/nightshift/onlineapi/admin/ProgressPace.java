package io.nightshift.onlineapi.admin;

import java.time.Duration;
import java.time.Instant;

/**
 * The running job's pace, from the progress its heartbeats report: the first point seen for the job
 * and the latest one. The ETA is the average rate since that first point applied to what is left,
 * so a pause (deferred for battery or heat) lengthens it; one point alone gives no rate. A job that
 * changes or goes backwards (a restarted run) starts over. Immutable: the watch swaps it whole.
 */
record ProgressPace(String job, double firstProgress, Instant firstAt, double lastProgress, Instant lastAt) {

    static ProgressPace start(String job, double progress, Instant at) {
        return new ProgressPace(job, progress, at, progress, at);
    }

    /** The pace after one more heartbeat; {@code null} when it reports no running job or no progress. */
    static ProgressPace next(ProgressPace pace, String job, Double progress, Instant at) {
        if (job == null || progress == null || !Double.isFinite(progress)) {
            return null;
        }
        if (pace == null || !pace.job.equals(job) || progress < pace.lastProgress) {
            return start(job, progress, at);
        }
        return new ProgressPace(job, pace.firstProgress, pace.firstAt, progress, at);
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
