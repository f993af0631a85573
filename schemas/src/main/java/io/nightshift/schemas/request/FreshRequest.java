package io.nightshift.schemas.request;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

/**
 * A request for the laptop to compute a list now, on {@code reco.requests.v1} (keyed by product).
 * The worker drops it after its deadline and computes one list per product however many
 * requests for it are queued.
 *
 * @param requestId     unique id
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param productId     the product that had no batch or fresh list
 * @param userId        the shopper who asked, when known (for per-user lists); may be {@code null}
 * @param requestedAt   when the API saw the miss
 * @param deadline      after this instant the answer is no longer worth computing
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FreshRequest(UUID requestId, int schemaVersion, String productId, String userId, Instant requestedAt, Instant deadline) {

    public static final int SCHEMA_VERSION = 1;

    public boolean isExpiredAt(Instant now) {
        return now.isAfter(deadline);
    }
}
