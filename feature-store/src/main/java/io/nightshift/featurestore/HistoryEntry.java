package io.nightshift.featurestore;

import java.time.Instant;
import java.util.Locale;

/**
 * One element of the history list: {@code epochMillis TAB action TAB version TAB actor}. The actor
 * comes last so that it may contain anything; versions never contain a tab.
 */
final class HistoryEntry {

    private HistoryEntry() {
    }

    /** The entry with the version left open for the activate and rollback scripts to fill in. */
    static String template(String actor, Instant at, VersionActivation.Action action) {
        return at.toEpochMilli() + "\t" + action.name().toLowerCase(Locale.ROOT) + "\t" + KeyTemplates.SLOT + "\t" + actor;
    }

    static VersionActivation parse(String entry) {
        String[] parts = entry.split("\t", 4);
        if (parts.length < 4) {
            throw new IllegalArgumentException("malformed version history entry: " + entry);
        }
        return new VersionActivation(parts[2], parts[3], Instant.ofEpochMilli(Long.parseLong(parts[0])),
                VersionActivation.Action.valueOf(parts[1].toUpperCase(Locale.ROOT)));
    }
}
