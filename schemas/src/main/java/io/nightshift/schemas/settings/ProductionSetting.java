package io.nightshift.schemas.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One setting an application declares to the {@link ProductionGuard}, with the value it runs with.
 *
 * @param name   the Spring property, e.g. {@code nightshift.admin.token}
 * @param values its value (a list setting, such as the catalog keys, has several; empty when unset)
 * @param rule   what production requires of it
 */
public record ProductionSetting(String name, List<String> values, Rule rule) {

    /** What production requires of a setting. */
    public enum Rule {
        /** Set, and none of the demo's public values ({@link ProductionGuard#DEMO_SECRETS}). */
        SECRET,
        /** A demo convenience that must be off ({@code false}). */
        DEMO_ONLY
    }

    public ProductionSetting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rule, "rule");
        // List.copyOf refuses nulls; an unset value is simply absent.
        values = values == null ? List.of() : List.copyOf(values.stream().filter(Objects::nonNull).toList());
    }

    /** A password, token or key: must be set and must not be a demo value. */
    public static ProductionSetting secret(String name, String value) {
        List<String> values = new ArrayList<>();
        values.add(value);
        return new ProductionSetting(name, values, Rule.SECRET);
    }

    /** A list of keys, each of which must be a secret of the owner's. */
    public static ProductionSetting secrets(String name, List<String> values) {
        return new ProductionSetting(name, values, Rule.SECRET);
    }

    /** A demo convenience that must be off in production. */
    public static ProductionSetting demoOnly(String name, boolean value) {
        return new ProductionSetting(name, List.of(Boolean.toString(value)), Rule.DEMO_ONLY);
    }

    /**
     * The environment variable Spring Boot reads for this property: dots and dashes become
     * underscores, upper case ({@code nightshift.eventlog.analyst-password} is
     * {@code NIGHTSHIFT_EVENTLOG_ANALYST_PASSWORD}; Spring also accepts it without the dash's underscore).
     */
    public String environmentVariable() {
        return environmentVariable(name);
    }

    static String environmentVariable(String property) {
        return property.replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        // The values are secrets: only the name and how many there are.
        return "ProductionSetting[" + name + ", " + values.size() + " value(s), " + rule + "]";
    }
}
