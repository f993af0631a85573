package io.nightshift.schemas.result;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A computed list of related products on {@code reco.results.v1} (keyed by product).
 *
 * <p>Batch lists belong to a model version and carry the version's {@code expectedTotal}: the
 * loader stages them under the version and only a complete version can become active.
 * Fresh lists are written to their own keys and expire.
 *
 * @param resultId      unique id, the idempotency key
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param kind          batch or fresh
 * @param modelVersion  the model version that computed it
 * @param productId     the product the list is for
 * @param items         best first, never containing {@code productId} itself
 * @param computedAt    when the laptop computed it
 * @param expectedTotal for batch lists: how many lists the version has in all; {@code null} for fresh lists
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
        Long expectedTotal) {

    public static final int SCHEMA_VERSION = 1;

    public RecoResult {
        items = List.copyOf(items);
    }
}
