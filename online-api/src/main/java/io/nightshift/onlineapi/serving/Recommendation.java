package io.nightshift.onlineapi.serving;

import io.nightshift.schemas.Tier;
import io.nightshift.schemas.result.ScoredItem;

import java.time.Instant;
import java.util.List;

/**
 * One answer.
 *
 * @param productId     the product viewed (for "for you" lists: {@code null})
 * @param userId        the user a "for you" list is for ({@code null} on product pages)
 * @param tier          the first tier that contributed items (later tiers may have filled it up)
 * @param modelVersion  the model behind that tier's list; {@code null} for trending and popular
 * @param computedAt    when that list was computed (read time for live tiers)
 * @param stale         older than the tier's configured freshness, or served from memory while Redis is away
 * @param requestId     quote it in a {@code reco_clicked} event
 * @param cohort        the user's A/B cohort, {@code null} when anonymous
 * @param disabledTiers tiers the owner switched off (skipped)
 * @param items         best first
 */
record Recommendation(
        String productId,
        String userId,
        Tier tier,
        String modelVersion,
        Instant computedAt,
        boolean stale,
        String requestId,
        String cohort,
        List<Tier> disabledTiers,
        List<ScoredItem> items) {
}
