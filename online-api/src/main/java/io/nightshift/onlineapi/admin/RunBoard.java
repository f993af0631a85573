package io.nightshift.onlineapi.admin;

import io.micrometer.core.instrument.MeterRegistry;
import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.control.ControlType;
import io.nightshift.schemas.control.RunProgress;
import io.nightshift.schemas.control.RunStatus;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

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
 */
@Component
class RunBoard {

    /** A run's latest known state. */
    record Run(String runId, RunStatus status, String step, long done, long total, String detail, Instant requestedAt, Instant updatedAt) {
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
        if (event == null || event.run() == null) {
            return;
        }
        if (event.type() == ControlType.RUN_REQUESTED || event.type() == ControlType.RUN_PROGRESS) {
            record(event.run(), event.occurredAt(), event.type() == ControlType.RUN_REQUESTED);
        }
    }

    synchronized void record(RunProgress progress, Instant at, boolean request) {
        Run previous = runs.remove(progress.runId());
        if (previous != null && request) {
            // A replayed request must not reset a run that already reported progress.
            runs.put(progress.runId(), previous);
            return;
        }
        Instant requestedAt = previous != null ? previous.requestedAt() : at;
        runs.put(progress.runId(), new Run(progress.runId(), progress.status(), progress.step(), progress.done(), progress.total(),
                progress.detail(), requestedAt, at));
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

    /** Newest request first. */
    synchronized List<Run> runs() {
        List<Run> list = new ArrayList<>(runs.values());
        list.sort(Comparator.comparing(Run::requestedAt, Comparator.nullsLast(Comparator.reverseOrder())));
        return list;
    }
}
