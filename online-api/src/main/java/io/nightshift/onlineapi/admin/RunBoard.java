package io.nightshift.onlineapi.admin;

import io.micrometer.core.instrument.MeterRegistry;
import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.control.ControlType;
import io.nightshift.schemas.control.RunProgress;
import io.nightshift.schemas.control.RunStatus;
import io.nightshift.schemas.control.VersionInfo;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Batch runs as the control topic tells them: requested by the owner, then progress reported by
 * the laptop. Each instance replays {@code reco.control.v1} at start and keeps the latest runs in
 * memory. A run requested while the laptop is away stays {@code requested} until it reports.
 * A {@code version_published} names its run (and the version's offline metrics go with it); one from
 * a laptop that does not name it goes to the run in progress, since the laptop runs one job at a time.
 */
@Component
class RunBoard {

    /**
     * A run's latest known state.
     *
     * @param outcome         completed, failed or refused once finished, else null
     * @param durationSeconds from the request (or the first report of a scheduled run) to the last report, once finished
     * @param modelVersion    the version the run published, if it got that far
     * @param metrics         that version's offline metrics
     */
    record Run(String runId, RunStatus status, String step, long done, long total, String detail, Instant requestedAt, Instant updatedAt,
               RunStatus outcome, Long durationSeconds, String modelVersion, Map<String, Double> metrics) {

        Run published(String version, Map<String, Double> versionMetrics) {
            return new Run(runId, status, step, done, total, detail, requestedAt, updatedAt, outcome, durationSeconds, version, versionMetrics);
        }
    }

    private final int kept;
    private final Map<String, Run> runs = new LinkedHashMap<>();
    private final RunGauges gauges;

    RunBoard(AdminProperties properties, MeterRegistry meters) {
        this.kept = properties.runsKept();
        this.gauges = RunGauges.register(meters, this::newest);
    }

    @KafkaListener(id = "online-api-run-view", idIsGroup = false, topics = "reco.control.v1", containerFactory = "controlListenerFactory",
            autoStartup = "${nightshift.views.enabled:true}")
    void on(ControlEvent event) {
        if (event != null && event.type() == ControlType.VERSION_PUBLISHED && event.version() != null) {
            published(event.version());
            return;
        }
        if (event == null || event.run() == null) {
            return;
        }
        if (event.type() == ControlType.RUN_REQUESTED || event.type() == ControlType.RUN_PROGRESS) {
            record(event.run(), event.occurredAt(), event.type() == ControlType.RUN_REQUESTED);
        }
    }

    /** The published version goes to the run it names (none if this instance never saw it), else to the run in progress. */
    synchronized void published(VersionInfo version) {
        Optional<Run> producer = version.runId() != null ? Optional.ofNullable(runs.get(version.runId()))
                : runs().stream().filter(run -> run.status() == RunStatus.RUNNING).findFirst();
        producer.ifPresent(run -> runs.put(run.runId(),
                run.published(version.modelVersion(), version.lineage() == null ? Map.of() : version.lineage().metrics())));
    }

    synchronized void record(RunProgress progress, Instant at, boolean request) {
        Run previous = runs.remove(progress.runId());
        if (previous != null && request) {
            // A replayed request must not reset a run that already reported progress.
            runs.put(progress.runId(), previous);
            return;
        }
        Instant requestedAt = previous != null ? previous.requestedAt() : at;
        boolean finished = progress.status().isFinal();
        runs.put(progress.runId(), new Run(progress.runId(), progress.status(), progress.step(), progress.done(), progress.total(),
                progress.detail(), requestedAt, at, finished ? progress.status() : null,
                finished ? Duration.between(requestedAt, at).toSeconds() : null,
                previous == null ? null : previous.modelVersion(), previous == null ? Map.of() : previous.metrics()));
        while (runs.size() > kept) {
            runs.remove(runs.keySet().iterator().next());
        }
        newest().ifPresent(gauges::reported);
    }

    /** The run requested last, whatever its state. */
    synchronized Optional<Run> newest() {
        List<Run> list = runs();
        return list.isEmpty() ? Optional.empty() : Optional.of(list.getFirst());
    }

    /** One run by id, if it is among those kept. */
    synchronized Optional<Run> run(String runId) {
        return Optional.ofNullable(runId == null ? null : runs.get(runId));
    }

    /** Newest request first. */
    synchronized List<Run> runs() {
        List<Run> list = new ArrayList<>(runs.values());
        list.sort(Comparator.comparing(Run::requestedAt, Comparator.nullsLast(Comparator.reverseOrder())));
        return list;
    }
}
