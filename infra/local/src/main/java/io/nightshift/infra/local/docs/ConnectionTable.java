package io.nightshift.infra.local.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The connection table of {@code docs/configuration.md} ("Connections: the same names in every app"),
 * read so that each app's test can hold it to the properties the app really binds.
 */
public final class ConnectionTable {

    static final String SECTION = "## Connections: the same names in every app";
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern METADATA_NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"");

    /**
     * One row.
     *
     * @param property            the Spring property
     * @param environmentVariable the variable the row gives for it
     * @param apps                the apps the row says read it ({@code online-api}, {@code streams-processor}, {@code batch-jobs})
     */
    public record Row(String property, String environmentVariable, Set<String> apps) {
    }

    private ConnectionTable() {
    }

    /** The rows of the connection table in {@code doc}; fails when the section or its table is missing. */
    public static List<Row> read(Path doc) {
        List<String> lines;
        try {
            lines = Files.readAllLines(doc);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + doc, e);
        }
        int start = lines.indexOf(SECTION);
        if (start < 0) {
            throw new IllegalStateException(doc + " has no section '" + SECTION + "'");
        }
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ") || line.startsWith("### ")) {
                break;
            }
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|");
            rows.add(new Row(code(cells[1]), code(cells[2]), Set.copyOf(Arrays.stream(cells[4].split(",")).map(String::trim).toList())));
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException(doc + " has no rows under '" + SECTION + "'");
        }
        return rows;
    }

    /** Every property named in the Spring configuration metadata on the class path (Spring Boot's own). */
    public static Set<String> springBootProperties(ClassLoader classLoader) {
        Set<String> names = new HashSet<>();
        try {
            for (URL metadata : Collections.list(classLoader.getResources("META-INF/spring-configuration-metadata.json"))) {
                names.addAll(names(metadata));
            }
            for (URL metadata : Collections.list(classLoader.getResources("META-INF/additional-spring-configuration-metadata.json"))) {
                names.addAll(names(metadata));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Spring configuration metadata", e);
        }
        return names;
    }

    private static Set<String> names(URL metadata) throws IOException {
        try (InputStream in = metadata.openStream()) {
            Matcher names = METADATA_NAME.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Set<String> found = new HashSet<>();
            while (names.find()) {
                found.add(names.group(1));
            }
            return found;
        }
    }

    private static String code(String cell) {
        Matcher code = CODE.matcher(cell);
        if (!code.find()) {
            throw new IllegalStateException("expected a `code` cell, found '" + cell.trim() + "'");
        }
        return code.group(1);
    }
}
