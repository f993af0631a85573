package io.nightshift.featurestore;

import java.time.Instant;

/**
 * The features the event stream keeps up to date: the shop's popularity, each category's
 * trending products, and each shopper's recent items and purchases.
 *
 * <p>The streams processor's event features write them, whole and idempotently, so a write
 * repeated after a crash leaves the same value; online-api reads them only through
 * {@link ServingReads}, in the serving read's one round trip, and writes only to forget a shopper
 * ({@link #forgetShopper}) the moment their erasure is accepted.
 *
 * <p>When Redis cannot be reached or does not answer within {@link FeatureStoreSettings#timeout()},
 * every method throws {@link FeatureStoreUnavailableException}: the writer lets it fail the record,
 * which is retried (the event log is the source of truth, nothing is lost). A blank id or a score
 * that is not finite is an {@link IllegalArgumentException}.
 */
public interface OnlineFeatures {

    /**
     * Sets the product's shop-wide popularity score (ZADD). Idempotent: a writer that keeps the
     * score in its own state and writes it whole can write it again after a crash and leave the
     * same value.
     */
    void setPopular(String productId, double score);

    /**
     * Sets the product's trending score in its category (ZADD) and pushes the category's expiry
     * out to {@link io.nightshift.schemas.redis.RedisKeys#TRENDING_TTL}; one MULTI/EXEC
     * transaction. Idempotent like {@link #setPopular}, and it recreates a set that expired.
     */
    void setTrending(String category, String productId, double score);

    /** Takes the product out of a category's trending set (it moved to another category). Idempotent. */
    void removeTrending(String category, String productId);

    /**
     * Many products' whole scores (and removals from categories they left) in one round trip: one
     * MULTI/EXEC, with each trending set's expiry pushed out once, after its writes. Idempotent
     * like {@link #setPopular}; the writes' order is kept. A write Redis refuses (a key of the
     * wrong type) does not stop the others: it comes back in the answer.
     *
     * @return the writes Redis refused, in their order
     */
    java.util.List<ScoreWrite.Refused> writeScores(java.util.List<ScoreWrite> writes);

    /**
     * Records that the user interacted with the product at {@code occurredAt}, the event's own
     * time: recent items are ordered by when they were seen, not by when the event arrived, so a
     * late or out-of-order event (an import, an unsorted file) takes its place in the past
     * instead of the front. A product keeps its latest time (an older event of it changes
     * nothing); the set keeps the {@link io.nightshift.schemas.redis.RedisKeys#USER_RECENT_CAP}
     * latest products and its TTL is renewed. Idempotent; one atomic script.
     */
    void pushRecent(String userId, String productId, Instant occurredAt);

    /** Remembers that the user bought the product (it is not recommended back); renews the set's TTL. */
    void recordPurchase(String userId, String productId);

    /**
     * Forgets what a shopper's events up to {@code before} left (a data erasure): their recent items
     * seen at or before it, their purchases not seen again after it (one atomic script), and their
     * "for you" list in every staged model version. Idempotent, and applying it again later leaves
     * what came after {@code before} in recent items and purchases.
     *
     * @return how many "for you" lists were deleted
     */
    long forgetShopper(String userId, Instant before);
}
