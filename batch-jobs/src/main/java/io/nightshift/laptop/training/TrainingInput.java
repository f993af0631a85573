package io.nightshift.laptop.training;

import io.nightshift.laptop.models.Dataset;
import io.nightshift.schemas.result.ScoredItem;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What every trainer starts from.
 *
 * @param data       the local store's interactions as the families see them ({@link LocalData})
 * @param available  the products that may be recommended
 * @param popular    available products by popularity, best first, enough to fill any list
 * @param dataRange  the training data as topic offsets, for the lineage
 * @param trainedAt  the version's time
 * @param versionFor the new version id for a family's model (unique in the local store)
 */
record TrainingInput(Dataset data, Set<String> available, List<ScoredItem> popular, String dataRange, Instant trainedAt,
                     Function<String, String> versionFor) {

    /** Per item index of {@link #data}, whether the product may be recommended. */
    boolean[] availableByIndex() {
        boolean[] flags = new boolean[data.itemCount()];
        for (int i = 0; i < flags.length; i++) {
            flags[i] = available.contains(data.items().get(i));
        }
        return flags;
    }
}
