package io.nightshift.laptop.sync;

import io.nightshift.schemas.event.EventType;

/**
 * One taste signal as the local store keeps it.
 *
 * @param userKey   the user, or the session for anonymous shoppers
 * @param productId the product
 * @param type      view, add to cart, purchase or rating
 * @param value     the rating or quantity, when the event had one
 */
public record Interaction(String userKey, String productId, EventType type, Double value) {
}
