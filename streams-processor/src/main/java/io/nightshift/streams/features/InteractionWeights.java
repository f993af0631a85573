package io.nightshift.streams.features;

import io.nightshift.schemas.event.ShopEvent;

import java.util.OptionalDouble;

/**
 * How much one interaction says about a product's appeal: a purchase outweighs a cart, which
 * outweighs a view; a rating counts by its value. Recommendation events are not interactions.
 *
 * <p>Every weight is a finite number in {@code (0, }{@value #MAX_RATING_WEIGHT}{@code ]}, because
 * the scores are sums kept as logarithms: ln of zero or a negative weight is −∞ or NaN. The JSON
 * Schema lets any number through as a rating's value, so a rating that is not a positive finite
 * number (0, negative, NaN, ±∞) says nothing here and is not counted (the event log still stores
 * it), and a huge one counts as {@value #MAX_RATING_WEIGHT}: no single event can outweigh the shop.
 */
final class InteractionWeights {

    /** The largest weight one rating can have; ratings in the shop are 1–5 stars. */
    static final double MAX_RATING_WEIGHT = 10;

    private InteractionWeights() {
    }

    static OptionalDouble of(ShopEvent event) {
        return switch (event.type()) {
            case VIEW -> OptionalDouble.of(1);
            case ADD_TO_CART -> OptionalDouble.of(3);
            case PURCHASE -> OptionalDouble.of(5);
            case RATING -> rating(event.value());
            case RECO_SERVED, RECO_CLICKED -> OptionalDouble.empty();
        };
    }

    /** Whether a weight can be counted in log space: finite and positive. */
    static boolean usable(double weight) {
        return weight > 0 && Double.isFinite(weight);
    }

    private static OptionalDouble rating(Double value) {
        if (value == null || !usable(value)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.min(value, MAX_RATING_WEIGHT));
    }
}
