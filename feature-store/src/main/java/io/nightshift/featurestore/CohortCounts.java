package io.nightshift.featurestore;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The A/B test's running score: per cohort and UTC day, how many answers were served and how many
 * of them were clicked, projected by the streams processor from {@code reco_served} and
 * {@code reco_clicked} and read by the owner's console. An answer is counted once by its request
 * id, and it is clicked when any click names it, as in the analysts' {@code reco_ctr} view; a
 * click counts in the cohort and day its answer was served (the served event says which, a click
 * is only trusted for the request id).
 *
 * <p>Counts are HyperLogLogs of request ids: adding an id twice changes nothing, so a record
 * processed again after a crash or a duplicate event is harmless, and each key is at most 12 kB
 * however busy the shop. They are estimates, exact in practice for small numbers and within about
 * 1% for large ones. Days are kept for
 * {@link io.nightshift.schemas.redis.RedisKeys#COHORT_DAYS_TTL}; a click more than
 * {@link io.nightshift.schemas.redis.RedisKeys#COHORT_ANSWER_TTL} after its answer is not counted.
 *
 * <p>Failures as for every role: {@link FeatureStoreUnavailableException} when Redis is away.
 */
public interface CohortCounts {

    /** The cohort names counted: those serving can be configured with; any other is ignored by the writer. */
    Pattern COHORT = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Whether a cohort name can be counted ({@link #COHORT}). */
    static boolean countable(String cohort) {
        return cohort != null && COHORT.matcher(cohort).matches();
    }

    /**
     * Counts an answer served to a cohort on the UTC day of {@code servedAt}, and remembers its cohort
     * and day for its clicks. An answer from a day already past the kept days is not counted.
     *
     * @throws IllegalArgumentException for a cohort that is not {@link #countable} or a blank request id
     */
    void served(String cohort, String requestId, Instant servedAt);

    /**
     * Counts a click on an answer in its cohort and day.
     *
     * @return false when the answer is not known (never served with a cohort, or served too long ago)
     */
    boolean clicked(String requestId);

    /**
     * Served and clicked answers of each cohort for the {@code days} UTC days up to {@code today}, newest first.
     *
     * @return one list per cohort asked for, in the order asked
     */
    Map<String, List<DayCount>> counts(Collection<String> cohorts, LocalDate today, int days);

    /** One cohort's day. */
    record DayCount(LocalDate day, long served, long clicked) {
    }
}
