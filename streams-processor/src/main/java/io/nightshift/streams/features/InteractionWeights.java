package io.nightshift.streams.features;

import io.nightshift.schemas.event.ShopEvent;

import java.util.OptionalDouble;

/**
 * How much one interaction says about a product's appeal: a purchase outweighs a cart, which
 * outweighs a view; a rating counts by its value. Recommendation events are not interactions.
 */
final class InteractionWeights {

    private InteractionWeights() {
    }

    static OptionalDouble of(ShopEvent event) {
        return switch (event.type()) {
            case VIEW -> OptionalDouble.of(1);
            case ADD_TO_CART -> OptionalDouble.of(3);
            case PURCHASE -> OptionalDouble.of(5);
            case RATING -> event.value() == null ? OptionalDouble.empty() : OptionalDouble.of(event.value());
            case RECO_SERVED, RECO_CLICKED -> OptionalDouble.empty();
        };
    }
}
