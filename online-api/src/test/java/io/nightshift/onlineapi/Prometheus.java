package io.nightshift.onlineapi;

import java.util.Arrays;

/** Reads sample values out of a {@code /actuator/prometheus} text page. */
final class Prometheus {

    private final String page;

    Prometheus(String page) {
        this.page = page;
    }

    static Prometheus scrape(TestApi api) {
        var response = api.admin("GET", "/actuator/prometheus", null);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("prometheus answered " + response.statusCode() + ": " + response.body());
        }
        return new Prometheus(response.body());
    }

    /** The sum of every sample of {@code name} whose labels contain all of {@code labels} (like {@code tier="batch"}). */
    double sum(String name, String... labels) {
        return page.lines()
                .filter(line -> !line.startsWith("#"))
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    boolean has(String name) {
        return page.lines().anyMatch(line -> line.startsWith(name + "{") || line.startsWith(name + " "));
    }

    String page() {
        return page;
    }
}
