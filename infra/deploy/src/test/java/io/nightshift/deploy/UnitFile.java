package io.nightshift.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A systemd unit file as sections of repeatable keys (enough to state what a unit must contain). */
record UnitFile(Path path, Map<String, Map<String, List<String>>> sections) {

    static UnitFile load(Path path) {
        Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        Map<String, List<String>> current = null;
        try {
            for (String raw : Files.readAllLines(path)) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                    continue;
                }
                if (line.startsWith("[") && line.endsWith("]")) {
                    current = sections.computeIfAbsent(line.substring(1, line.length() - 1), k -> new LinkedHashMap<>());
                } else if (current != null && line.contains("=")) {
                    String[] kv = line.split("=", 2);
                    current.computeIfAbsent(kv[0].strip(), k -> new ArrayList<>()).add(kv[1].strip());
                } else {
                    throw new AssertionError(path + ": not a unit file line: " + raw);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new UnitFile(path, sections);
    }

    List<String> values(String section, String key) {
        return sections.getOrDefault(section, Map.of()).getOrDefault(key, List.of());
    }

    String value(String section, String key) {
        List<String> values = values(section, key);
        return values.isEmpty() ? null : values.getLast();
    }
}
