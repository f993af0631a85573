package io.nightshift.deploy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code infra/deploy/compose.yaml} as plain YAML (merge keys resolved), the way compose reads its structure. */
record ComposeFile(Path path, String text, Map<String, Object> root) {

    /** {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME:?message}}; {@code $$} is a literal dollar. */
    private static final Pattern INTERPOLATION = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:[:?\\-][^}]*)?}");

    static ComposeFile load(Path path) {
        try {
            String text = Files.readString(path);
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
            return new ComposeFile(path, text, root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Object> services() {
        return map(root.get("services"), "services");
    }

    Map<String, Object> service(String name) {
        return map(services().get(name), "services." + name);
    }

    /** The variables the service's container gets, whichever of compose's two spellings the file uses. */
    Map<String, String> environment(String service) {
        Object environment = service(service).get("environment");
        Map<String, String> result = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> entries) {
            entries.forEach((k, v) -> result.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else if (environment instanceof List<?> lines) {
            for (Object line : lines) {
                String[] parts = String.valueOf(line).split("=", 2);
                result.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        return result;
    }

    /** Every variable the file takes from {@code .env} or the shell. */
    Set<String> interpolatedVariables() {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = INTERPOLATION.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String where) {
        if (!(node instanceof Map<?, ?>)) {
            throw new AssertionError("compose.yaml: " + where + " must be a mapping, is " + node);
        }
        return (Map<String, Object>) node;
    }
}
