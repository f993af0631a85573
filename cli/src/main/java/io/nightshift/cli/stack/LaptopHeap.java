package io.nightshift.cli.stack;

import java.util.Map;

/**
 * The laptop application's maximum heap ({@code -Xmx}): {@value #VARIABLE} when set, else
 * {@value #DEFAULT}. The nightly job's model families measure what this heap leaves free and skip
 * what would not fit (docs/laptop.md has the memory needed by catalog size), so a larger catalog
 * needs a larger value, e.g. {@code NIGHTSHIFT_LAPTOP_HEAP=6g ./nightshift up}.
 */
public final class LaptopHeap {

    public static final String VARIABLE = "NIGHTSHIFT_LAPTOP_HEAP";
    public static final String DEFAULT = "2g";

    private LaptopHeap() {
    }

    /** @return a JVM size such as {@code 2g} or {@code 1536m} */
    public static String from(Map<String, String> environment) {
        String value = environment.getOrDefault(VARIABLE, "").strip();
        if (value.isEmpty()) {
            return DEFAULT;
        }
        if (!value.matches("[1-9][0-9]*[kKmMgG]")) {
            throw new IllegalArgumentException(VARIABLE + " must be a JVM heap size such as 2g or 1536m, got '" + value + "'");
        }
        return value.toLowerCase(java.util.Locale.ROOT);
    }
}
