package io.nightshift.cli.importer;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The source layouts {@code ./nightshift import} reads. */
public enum ImportFormat {
    /** MovieLens ratings: 100K {@code u.data}, 1M/10M {@code ratings.dat}, or {@code ratings.csv}; explicit ratings. */
    MOVIELENS,
    /** One line per user: {@code user item item ...}, oldest first; implicit views. */
    SEQUENCES,
    /** Any delimited file, with a {@link CsvMapping}. */
    CSV;

    public String wire() {
        return name().toLowerCase();
    }

    public static ImportFormat of(String name) {
        return Arrays.stream(values()).filter(f -> f.wire().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown format '" + name + "'; use one of "
                        + Arrays.stream(values()).map(ImportFormat::wire).collect(Collectors.joining(", "))));
    }
}
