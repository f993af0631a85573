package io.nightshift.laptop.training;

import io.nightshift.laptop.models.Dataset;
import io.nightshift.laptop.sync.InteractionStore;
import io.nightshift.schemas.event.InteractionWeight;

/**
 * The local store's interactions as the model families and the evaluation see them: per shopper
 * in time order (ties by event id; the store keeps no arrival order), signals with no taste in them
 * (those {@link InteractionWeight#AFFINITY} does not count: ratings of 2 stars or fewer) left out,
 * immediate repeats collapsed.
 */
public final class LocalData {

    private LocalData() {
    }

    public static Dataset load(InteractionStore interactions) {
        Dataset.Builder builder = new Dataset.Builder();
        interactions.forEachInteraction(interaction -> {
            if (InteractionWeight.AFFINITY.of(interaction.type(), interaction.value()).isPresent()) {
                builder.add(interaction.userKey(), interaction.productId());
            }
        });
        return builder.build();
    }
}
