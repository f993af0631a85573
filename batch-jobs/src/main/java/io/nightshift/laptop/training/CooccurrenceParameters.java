package io.nightshift.laptop.training;

import io.nightshift.laptop.LaptopProperties;
import io.nightshift.schemas.event.InteractionWeight;

import java.util.Map;

/**
 * The hyper-parameters of the co-occurrence model, as recorded in a version's lineage.
 *
 * @param neighbours how many neighbours are kept per product
 * @param shrinkage  added to the cosine denominator
 * @param maxHistory the most recent products per shopper that count
 */
record CooccurrenceParameters(int neighbours, double shrinkage, int maxHistory) {

    static CooccurrenceParameters of(LaptopProperties.Model model) {
        return new CooccurrenceParameters(model.neighbours(), model.shrinkage(), model.maxHistory());
    }

    Map<String, String> asLineage() {
        return Map.of("neighbours", Integer.toString(neighbours),
                "shrinkage", Double.toString(shrinkage),
                "maxHistory", Integer.toString(maxHistory),
                "similarity", "cosine",
                "weights", InteractionWeight.AFFINITY.describe());
    }
}
