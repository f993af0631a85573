package io.nightshift.schemas.event;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.OptionalDouble;
import java.util.UUID;

import static io.nightshift.schemas.event.InteractionWeight.AFFINITY;
import static io.nightshift.schemas.event.InteractionWeight.MAX_RATING_WEIGHT;
import static io.nightshift.schemas.event.InteractionWeight.POPULARITY;
import static org.assertj.core.api.Assertions.assertThat;

class InteractionWeightTest {

    private static final OptionalDouble NOT_COUNTED = OptionalDouble.empty();

    @Test
    @DisplayName("popularity weighs a view 1, a cart 3, a purchase 5, whatever value the event carries")
    void popularityOfTheFixedTypes() {
        assertThat(POPULARITY.of(EventType.VIEW, null)).hasValue(1);
        assertThat(POPULARITY.of(EventType.ADD_TO_CART, null)).hasValue(3);
        assertThat(POPULARITY.of(EventType.PURCHASE, 2.0)).hasValue(5);
    }

    @Test
    @DisplayName("popularity counts a rating by its stars, 1 star included, and at most the cap")
    void popularityOfARating() {
        assertThat(POPULARITY.of(EventType.RATING, 1.0)).hasValue(1);
        assertThat(POPULARITY.of(EventType.RATING, 3.0)).hasValue(3);
        assertThat(POPULARITY.of(EventType.RATING, 5.0)).hasValue(5);
        assertThat(POPULARITY.of(EventType.RATING, 1e9)).hasValue(MAX_RATING_WEIGHT);
    }

    @Test
    @DisplayName("popularity does not count a rating of 0, a rating without stars, or a value that is not a finite positive number")
    void popularityLeavesOutRatingsThatSayNothing() {
        assertThat(POPULARITY.of(EventType.RATING, 0.0)).isEqualTo(NOT_COUNTED);
        assertThat(POPULARITY.of(EventType.RATING, null)).isEqualTo(NOT_COUNTED);
        assertThat(POPULARITY.of(EventType.RATING, -1.0)).isEqualTo(NOT_COUNTED);
        assertThat(POPULARITY.of(EventType.RATING, Double.NaN)).isEqualTo(NOT_COUNTED);
        assertThat(POPULARITY.of(EventType.RATING, Double.POSITIVE_INFINITY)).isEqualTo(NOT_COUNTED);
    }

    @Test
    @DisplayName("affinity weighs a view 1, a cart 2, a purchase 3, whatever value the event carries")
    void affinityOfTheFixedTypes() {
        assertThat(AFFINITY.of(EventType.VIEW, null)).hasValue(1);
        assertThat(AFFINITY.of(EventType.ADD_TO_CART, null)).hasValue(2);
        assertThat(AFFINITY.of(EventType.PURCHASE, 2.0)).hasValue(3);
    }

    @Test
    @DisplayName("affinity counts a rating stars − 2, uncapped, and a rating without stars like a view")
    void affinityOfARating() {
        assertThat(AFFINITY.of(EventType.RATING, 3.0)).hasValue(1);
        assertThat(AFFINITY.of(EventType.RATING, 5.0)).hasValue(3);
        assertThat(AFFINITY.of(EventType.RATING, 1e9)).hasValue(1e9 - 2);
        assertThat(AFFINITY.of(EventType.RATING, null)).hasValue(1);
    }

    @Test
    @DisplayName("affinity does not count a rating of 2 stars or fewer (a negative signal), nor a value that is not finite")
    void affinityLeavesOutLowRatings() {
        assertThat(AFFINITY.of(EventType.RATING, 0.0)).isEqualTo(NOT_COUNTED);
        assertThat(AFFINITY.of(EventType.RATING, 1.0)).isEqualTo(NOT_COUNTED);
        assertThat(AFFINITY.of(EventType.RATING, 2.0)).isEqualTo(NOT_COUNTED);
        assertThat(AFFINITY.of(EventType.RATING, Double.NaN)).isEqualTo(NOT_COUNTED);
        assertThat(AFFINITY.of(EventType.RATING, Double.POSITIVE_INFINITY)).isEqualTo(NOT_COUNTED);
    }

    @Test
    @DisplayName("neither weighing counts a recommendation event, which is not an interaction")
    void recommendationEventsAreNotCounted() {
        for (InteractionWeight weighing : InteractionWeight.values()) {
            for (EventType type : EventType.values()) {
                assertThat(weighing.of(type, 5.0).isPresent()).as("%s of %s", weighing, type).isEqualTo(type.isInteraction());
            }
        }
    }

    @Test
    @DisplayName("every weight given is countable: positive and finite")
    void everyWeightIsCountable() {
        Double[] values = {null, 0.0, 1.0, 3.0, 5.0, 1e9, -1.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (InteractionWeight weighing : InteractionWeight.values()) {
            for (EventType type : EventType.values()) {
                for (Double value : values) {
                    weighing.of(type, value).ifPresent(weight ->
                            assertThat(InteractionWeight.isCountable(weight)).as("%s of %s %s", weighing, type, value).isTrue());
                }
            }
        }
        assertThat(InteractionWeight.isCountable(0)).isFalse();
        assertThat(InteractionWeight.isCountable(Double.NaN)).isFalse();
    }

    @Test
    @DisplayName("an event weighs what its type and value weigh")
    void anEventWeighsItsTypeAndValue() {
        ShopEvent rating = ShopEvent.interaction(UUID.randomUUID(), EventType.RATING, "u-1", "p-1", 4.0, Instant.EPOCH);

        assertThat(POPULARITY.of(rating)).hasValue(4);
        assertThat(AFFINITY.of(rating)).hasValue(2);
    }

    @Test
    @DisplayName("each weighing describes itself in one line with the event types' wire names, as a model's lineage records it")
    void describe() {
        assertThat(POPULARITY.describe()).isEqualTo("view=1,add_to_cart=3,purchase=5,rating=stars");
        assertThat(AFFINITY.describe()).isEqualTo("view=1,add_to_cart=2,purchase=3,rating=stars-2");
    }
}
