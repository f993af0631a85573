package io.nightshift.laptop.models;

import java.util.Map;

/**
 * A family's hyper-parameters as a typed record (one record per family). A version's lineage
 * records them as names and strings; {@link ModelFamily#fromLineage} reads them back.
 */
public interface Hyperparameters {

    /** Name to value, as the version's lineage records them. */
    Map<String, String> asLineage();
}
