package io.nightshift.schemas.result;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A computed list on {@code reco.results.v1}: related products for one product (keyed by the
 * product id), or a batch "for you" list for one shopper (keyed by the user id).
 *
 * <p>Batch lists belong to a model version and carry the version's {@code expectedTotal}, which
 * counts product and user lists together: the loader stages them under the version and only a
 * complete version can become active. Fresh lists are always per product; they are written to
 * their own keys and expire.
 *
 * <p>Exactly one of {@code productId} and {@code userId} is set (the JSON Schema enforces it).
 *
 * @param resultId      unique id, the idempotency key
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param kind          batch or fresh (user lists are always batch)
 * @param modelVersion  the model version that computed it
 * @param productId     the product the list is for, or {@code null} for a user's list
 * @param items         best first, never containing {@code productId} itself nor, for a user, what the model saw the user have
 * @param computedAt    when the laptop computed it
 * @param expectedTotal for batch lists: how many lists (product and user) the version has in all; {@code null} for fresh lists
 * @param userId        the shopper a "for you" list is for, or {@code null} for a product's list
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecoResult(
        UUID resultId,
        int schemaVersion,
        ResultKind kind,
        String modelVersion,
        String productId,
        List<ScoredItem> items,
        Instant computedAt,
        Long expectedTotal,
        String userId) {

    public static final int SCHEMA_VERSION = 1;

    public RecoResult {
        items = List.copyOf(items);
        if ((productId == null) == (userId == null)) {
            throw new IllegalArgumentException("a result is for exactly one product or one user, got productId "
                    + productId + " and userId " + userId);
        }
    }

    /** A product's list (batch or fresh). */
    public RecoResult(UUID resultId, int schemaVersion, ResultKind kind, String modelVersion, String productId,
                      List<ScoredItem> items, Instant computedAt, Long expectedTotal) {
        this(resultId, schemaVersion, kind, modelVersion, productId, items, computedAt, expectedTotal, null);
    }

    /** A shopper's batch "for you" list under a model version. */
    public static RecoResult forUser(UUID resultId, String modelVersion, String userId, List<ScoredItem> items,
                                     Instant computedAt, long expectedTotal) {
        return new RecoResult(resultId, SCHEMA_VERSION, ResultKind.BATCH, modelVersion, null, items, computedAt, expectedTotal, userId);
    }

    /** Whether this is a shopper's "for you" list rather than a product's list. */
    @JsonIgnore
    public boolean isForUser() {
        return userId != null;
    }

    /** The record key on the topic: the user id for a user's list, the product id otherwise. */
    @JsonIgnore
    public String subject() {
        return isForUser() ? userId : productId;
    }
}
