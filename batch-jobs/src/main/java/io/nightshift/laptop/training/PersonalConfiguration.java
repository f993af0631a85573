package io.nightshift.laptop.training;

import io.nightshift.laptop.models.Configuration;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A version's "for you" lists may come from another model than its product lists. The version
 * keeps one parameter map (its lineage has one): the product lists' parameters as they are, and
 * the personal model under {@code personal.family} and {@code personal.<parameter>}.
 */
final class PersonalConfiguration {

    static final String PREFIX = "personal.";
    /** Lineage notes, not parameters: {@code skipped.<family>} says why a family was not trained (memory). */
    static final String SKIPPED = "skipped.";
    private static final String FAMILY = PREFIX + "family";

    private PersonalConfiguration() {
    }

    /** The version's parameters: the related model's, plus the personal model's under the prefix. */
    static Map<String, String> merge(Configuration<?> related, Configuration<?> personal) {
        Map<String, String> all = new TreeMap<>(related.parameters().asLineage());
        all.put(FAMILY, personal.name());
        personal.parameters().asLineage().forEach((name, value) -> all.put(PREFIX + name, value));
        return all;
    }

    /** The related model's own parameters, without the personal ones and the notes. */
    static Map<String, String> related(Map<String, String> parameters) {
        Map<String, String> own = new TreeMap<>(parameters);
        own.keySet().removeIf(name -> name.startsWith(PREFIX) || name.startsWith(SKIPPED));
        return own;
    }

    /** The parameters that make the model, without the lineage notes: two versions with these equal are the same configuration. */
    static Map<String, String> withoutNotes(Map<String, String> parameters) {
        Map<String, String> own = new TreeMap<>(parameters);
        own.keySet().removeIf(name -> name.startsWith(SKIPPED));
        return own;
    }

    /** The personal model's family and parameters; empty for versions made before per-task selection or without them. */
    static Optional<Map.Entry<String, Map<String, String>>> personal(Map<String, String> parameters) {
        String family = parameters.get(FAMILY);
        if (family == null) {
            return Optional.empty();
        }
        Map<String, String> own = new TreeMap<>();
        parameters.forEach((name, value) -> {
            if (name.startsWith(PREFIX) && !name.equals(FAMILY)) {
                own.put(name.substring(PREFIX.length()), value);
            }
        });
        return Optional.of(Map.entry(family, own));
    }
}
