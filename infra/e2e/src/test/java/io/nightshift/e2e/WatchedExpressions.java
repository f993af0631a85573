package io.nightshift.e2e;

import io.nightshift.schemas.codec.ContractCodec;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every PromQL expression the deployment relies on, read from the files themselves so that a
 * query added later is checked too: each target of each Grafana dashboard, and each alert rule's
 * measured side. Alerts are written {@code <measured> <comparison> <number>} (alerts.yml says so);
 * the measured side is what must return data on a healthy stack, since the comparison is rightly
 * empty while nothing is wrong.
 *
 * @param source where it comes from, for the failure message
 * @param query  what to ask Prometheus
 */
record WatchedExpressions(String source, String query) {

    private static final Pattern THRESHOLD = Pattern.compile("(?s)^(.*?)\\s*(==|!=|>=|<=|>|<)\\s*(-?[0-9][0-9.eE+-]*)\\s*$");

    static List<WatchedExpressions> dashboards(Path folder) {
        List<WatchedExpressions> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode dashboard = ContractCodec.MAPPER.readTree(Files.readString(file));
                collect(file.getFileName().toString(), dashboard.path("panels"), all);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    private static void collect(String file, JsonNode panels, List<WatchedExpressions> into) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                into.add(new WatchedExpressions(file + " / " + panel.path("title").asString(), target.path("expr").asString()));
            }
            collect(file, panel.path("panels"), into); // a collapsed row keeps its panels inside
        }
    }

    /** The alert rules, whole, as Prometheus evaluates them. */
    @SuppressWarnings("unchecked")
    static List<WatchedExpressions> alerts(Path rules) {
        Map<String, Object> file;
        try {
            file = new Yaml().load(Files.readString(rules));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<WatchedExpressions> all = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                if (rule.containsKey("alert")) {
                    all.add(new WatchedExpressions("alert " + rule.get("alert"), String.valueOf(rule.get("expr")).trim()));
                }
            }
        }
        return all;
    }

    /** This alert without its threshold; fails for an expression not written {@code <measured> <comparison> <number>}. */
    WatchedExpressions measured() {
        Matcher matcher = THRESHOLD.matcher(query);
        if (!matcher.matches()) {
            throw new AssertionError(source + ": write the expression as '<measured> <comparison> <number>' so its measured side can be "
                    + "checked against the running demo: " + query);
        }
        return new WatchedExpressions(source + " (measured side)", matcher.group(1));
    }
}
