package io.nightshift.infra.local.eval;

import io.nightshift.infra.local.demo.ApiClient;
import io.nightshift.infra.local.stack.Progress;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Asks the laptop for a batch run through the admin API, as the owner's "run now" button does,
 * and waits until the version it published is the active one: run {@code completed} in
 * {@code GET /api/v1/admin/runs}, then a new {@code active} in {@code GET /api/v1/admin/versions}
 * (the streams processor switches once all of the version's lists are loaded).
 */
public final class BatchRun {

    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("'eval-'yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final ApiClient api;
    private final Progress progress;

    public BatchRun(ApiClient api, Progress progress) {
        this.api = api;
        this.progress = progress;
    }

    /**
     * The version a run produced and what the API says about it.
     *
     * @param modelVersion   the version that became active
     * @param offlineMetrics the batch job's own metrics for the version (its lineage), empty when it reports none
     */
    public record Outcome(String runId, String modelVersion, Map<String, Double> offlineMetrics) {
    }

    public Outcome runAndAwaitActivation(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String before = activeVersion(versions()).orElse(null);
        String runId = RUN_ID.format(Instant.now());
        ApiClient.Response accepted = api.post("/api/v1/admin/runs", Map.of("runId", runId, "detail", "nightshift eval"));
        if (!accepted.ok()) {
            throw new IllegalStateException("the API refused the batch run request (HTTP " + accepted.status() + "): " + accepted.body());
        }
        String lastStep = null;
        while (true) {
            JsonNode run = find(api.get("/api/v1/admin/runs"), runId);
            if (run != null) {
                String status = run.path("status").asString("");
                String step = run.path("step").asString("");
                if (!step.isEmpty() && !step.equals(lastStep)) {
                    progress.info("  .. batch run " + runId + ": " + step);
                    lastStep = step;
                }
                if (status.equals("failed") || status.equals("refused")) {
                    throw new IllegalStateException("the batch run " + runId + " " + status + ": " + run.path("detail").asString("")
                            + " (see the laptop's log)");
                }
                if (status.equals("completed")) {
                    break;
                }
            }
            awaitOrFail(deadline, timeout, "the batch run " + runId + " did not complete");
        }
        while (true) {
            JsonNode versions = versions();
            Optional<String> active = activeVersion(versions);
            if (active.isPresent() && !Objects.equals(active.get(), before)) {
                return new Outcome(runId, active.get(), offlineMetrics(versions, active.get()));
            }
            awaitOrFail(deadline, timeout, "the run " + runId + " completed but no new version became active (still "
                    + before + "); is the streams processor loading it? see its log");
        }
    }

    private JsonNode versions() {
        ApiClient.Response response = api.get("/api/v1/admin/versions");
        if (!response.ok()) {
            throw new IllegalStateException("GET /api/v1/admin/versions answered HTTP " + response.status() + ": " + response.body());
        }
        return response.json();
    }

    static Optional<String> activeVersion(JsonNode versions) {
        JsonNode active = versions.path("active");
        return active.isString() && !active.asString().isBlank() ? Optional.of(active.asString()) : Optional.empty();
    }

    private static JsonNode find(ApiClient.Response runs, String runId) {
        if (!runs.ok()) {
            return null;
        }
        for (JsonNode run : runs.json()) {
            if (runId.equals(run.path("runId").asString(""))) {
                return run;
            }
        }
        return null;
    }

    /**
     * The batch job's own evaluation of {@code version}: the numeric fields of a {@code metrics}
     * object in the versions answer (a version's lineage carries one), preferring one inside an
     * object whose {@code modelVersion} is {@code version}. The API does not promise where it puts
     * lineage, so any place is accepted; none found means the job reported none.
     */
    static Map<String, Double> offlineMetrics(JsonNode versions, String version) {
        List<Map<String, Double>> found = new ArrayList<>();
        Map<String, Double> ofVersion = collectMetrics(versions, null, version, found);
        if (ofVersion != null) {
            return ofVersion;
        }
        return found.isEmpty() ? Map.of() : found.getFirst();
    }

    /** Depth first; {@code scope} is the nearest enclosing {@code modelVersion}. Returns the metrics of {@code version} when met. */
    private static Map<String, Double> collectMetrics(JsonNode node, String scope, String version, List<Map<String, Double>> found) {
        if (node.isArray()) {
            for (JsonNode child : node) {
                Map<String, Double> hit = collectMetrics(child, scope, version, found);
                if (hit != null) {
                    return hit;
                }
            }
            return null;
        }
        if (!node.isObject()) {
            return null;
        }
        String here = node.path("modelVersion").isString() ? node.path("modelVersion").asString() : scope;
        JsonNode metrics = node.path("metrics");
        if (metrics.isObject()) {
            Map<String, Double> numbers = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : metrics.properties()) {
                if (entry.getValue().isNumber()) {
                    numbers.put(entry.getKey(), entry.getValue().asDouble());
                }
            }
            if (!numbers.isEmpty()) {
                if (version.equals(here)) {
                    return numbers;
                }
                found.add(numbers);
            }
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getKey().equals("metrics")) {
                Map<String, Double> hit = collectMetrics(entry.getValue(), here, version, found);
                if (hit != null) {
                    return hit;
                }
            }
        }
        return null;
    }

    private void awaitOrFail(long deadline, Duration timeout, String failure) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(failure + " within " + timeout.toMinutes() + " min");
        }
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the batch run", e);
        }
    }
}
