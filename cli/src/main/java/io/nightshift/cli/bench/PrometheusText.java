package io.nightshift.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of a {@code /actuator/prometheus} page in the classic text format (0.0.4): one
 * {@code name{label="value",...} value} per line, comments and blank lines skipped. Only what
 * the benchmark reads; exemplars and timestamps, when present, are ignored.
 */
record PrometheusText(List<Sample> samples) {

    /** One line of the page; {@code labels} keep the page's order. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    PrometheusText {
        samples = List.copyOf(samples);
    }

    static PrometheusText parse(String page) {
        List<Sample> samples = new ArrayList<>();
        int number = 0;
        for (String line : page.split("\n")) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            try {
                samples.add(sample(trimmed));
            } catch (RuntimeException e) {
                throw new IllegalStateException("line " + number + " of the Prometheus page is not a sample: " + trimmed, e);
            }
        }
        return new PrometheusText(samples);
    }

    private static Sample sample(String line) {
        int at = 0;
        while (at < line.length() && line.charAt(at) != '{' && !Character.isWhitespace(line.charAt(at))) {
            at++;
        }
        String name = line.substring(0, at);
        if (name.isEmpty()) {
            throw new IllegalStateException("no metric name");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (at < line.length() && line.charAt(at) == '{') {
            at = labels(line, at + 1, labels);
        }
        String[] rest = line.substring(at).strip().split("\\s+");
        return new Sample(name, labels, number(rest[0]));
    }

    /** Reads {@code a="x",b="y"}} from {@code at}; returns the index after the closing brace. */
    private static int labels(String line, int at, Map<String, String> labels) {
        while (true) {
            while (line.charAt(at) == ',' || line.charAt(at) == ' ') {
                at++;
            }
            if (line.charAt(at) == '}') {
                return at + 1;
            }
            int equals = line.indexOf('=', at);
            String key = line.substring(at, equals).strip();
            if (line.charAt(equals + 1) != '"') {
                throw new IllegalStateException("label " + key + " has no quoted value");
            }
            StringBuilder value = new StringBuilder();
            at = equals + 2;
            for (char c = line.charAt(at); c != '"'; c = line.charAt(at)) {
                if (c == '\\') {
                    char escaped = line.charAt(++at);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
                at++;
            }
            labels.put(key, value.toString());
            at++;
        }
    }

    /** Prometheus spells infinities {@code +Inf}/{@code -Inf}, which {@link Double#parseDouble} does not read. */
    static double number(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
