package io.nightshift.featurestore;

import io.nightshift.schemas.result.ScoredItem;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A list of related products as the store holds it: a batch version's list or a fresh list.
 *
 * <p>Scores travel as float32 in Redis (see the module README), so a score read back equals the
 * written one to about seven significant digits.
 *
 * @param modelVersion the model version that computed it
 * @param computedAt   when it was computed (millisecond precision once stored)
 * @param items        best first; never {@code null}
 */
public record StoredList(String modelVersion, Instant computedAt, List<ScoredItem> items) {

    public StoredList {
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(computedAt, "computedAt");
        items = List.copyOf(items);
    }
}
