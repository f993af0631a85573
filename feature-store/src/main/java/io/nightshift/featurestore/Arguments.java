package io.nightshift.featurestore;

import java.util.regex.Pattern;

/** The argument checks every role makes before it talks to Redis; a bad argument is an {@link IllegalArgumentException}. */
final class Arguments {

    /** The schemas' pattern for model versions; it also keeps SCAN patterns and history entries unambiguous. */
    private static final Pattern MODEL_VERSION = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private Arguments() {
    }

    static String requireVersion(String modelVersion) {
        if (modelVersion == null || !MODEL_VERSION.matcher(modelVersion).matches()) {
            throw new IllegalArgumentException("model version must match " + MODEL_VERSION.pattern() + ", was '" + modelVersion + "'");
        }
        return modelVersion;
    }

    static String requireId(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /** A sorted-set score that is not finite would be read back as "inf" or "nan" by every serving read. */
    static void requireFinite(double score, String what) {
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException(what + " must be a finite number, was " + score);
        }
    }
}
