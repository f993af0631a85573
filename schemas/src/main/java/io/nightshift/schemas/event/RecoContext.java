package io.nightshift.schemas.event;

import io.nightshift.schemas.Tier;

/**
 * Which answer a {@code reco_served} or {@code reco_clicked} event is about.
 *
 * @param requestId    the id the API gave the answer; a click carries the id of the answer it came from
 * @param tier         the tier that answered
 * @param modelVersion the model version behind the list, or {@code null} for tiers without a model
 * @param cohort       the A/B cohort of the user, or {@code null} for anonymous requests
 */
public record RecoContext(String requestId, Tier tier, String modelVersion, String cohort) {
}
