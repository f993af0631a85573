package io.nightshift.infra.local.settings;

import java.util.ArrayList;
import java.util.List;

/**
 * Property values in the {@code name=value} form of Spring's test runners, spoiled one setting at a
 * time: how the production-settings tests start from a configuration that passes and change one thing.
 */
public final class PropertyValues {

    private PropertyValues() {
    }

    /**
     * {@code base} with each change applied: {@code name=value} replaces (or adds) that setting,
     * {@code name=} removes it.
     */
    public static String[] with(List<String> base, String... changes) {
        List<String> settings = new ArrayList<>(base);
        for (String change : changes) {
            int equals = change.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("expected name=value or name=, found '" + change + "'");
            }
            String name = change.substring(0, equals);
            settings.removeIf(setting -> setting.startsWith(name + "="));
            if (equals < change.length() - 1) {
                settings.add(change);
            }
        }
        return settings.toArray(String[]::new);
    }
}
