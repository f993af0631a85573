package io.nightshift.cli.eval;

import io.nightshift.cli.batch.RunFollower;
import io.nightshift.cli.batch.RunState;
import io.nightshift.cli.demo.ApiClient;
import io.nightshift.cli.terminal.Progress;
import io.nightshift.schemas.control.RunStatus;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        long started = System.nanoTime();
        RunFollower follower = new RunFollower(api, POLL);
        String before = RunFollower.activeVersion(follower.versions()).orElse(null);
        String runId = RUN_ID.format(Instant.now());
        ApiClient.Response accepted = api.post("/api/v1/admin/runs", Map.of("runId", runId, "detail", "nightshift eval"));
        if (!accepted.ok()) {
            throw new IllegalStateException("the API refused the batch run request (HTTP " + accepted.status() + "): " + accepted.body());
        }
        RunState end = follower.follow(runId, timeout, new StepLines(runId));
        if (end.status() != RunStatus.COMPLETED) {
            throw new IllegalStateException("the batch run " + runId + " " + end.status().wire() + ": " + end.detail() + " (see the laptop's log)");
        }
        Duration left = timeout.minusNanos(System.nanoTime() - started);
        JsonNode versions = follower.awaitActivation(before, left.isNegative() ? Duration.ZERO : left)
                .orElseThrow(() -> new IllegalStateException("the run " + runId + " completed but no new version became active (still "
                        + before + ") within " + timeout.toMinutes() + " min; is the streams processor loading it? see its log"));
        String active = RunFollower.activeVersion(versions).orElseThrow();
        return new Outcome(runId, active, offlineMetrics(versions, active));
    }

    static Optional<String> activeVersion(JsonNode versions) {
        return RunFollower.activeVersion(versions);
    }

    /** One line per step the run enters; the evaluation's own progress lines are the detailed ones. */
    private final class StepLines implements RunFollower.Watcher {

        private final String runId;
        private String lastStep;

        StepLines(String runId) {
            this.runId = runId;
        }

        @Override
        public void seen(RunState run) {
            if (!run.step().isEmpty() && !run.step().equals(lastStep)) {
                progress.info("  .. batch run " + runId + ": " + run.step());
                lastStep = run.step();
            }
        }
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
}
