package io.nightshift.featurestore;

import io.nightshift.schemas.result.ScoredItem;

import java.time.Instant;
import java.util.List;

/** CONTRACT STUB: a list as it is stored: which version computed it, when, and the items best first. */
public record StoredList(String modelVersion, Instant computedAt, List<ScoredItem> items) {
}
