package io.nightshift.laptop.run;

import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.control.ControlType;
import io.nightshift.schemas.control.RunProgress;
import io.nightshift.schemas.control.RunStatus;
import io.nightshift.schemas.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Tells the owner where runs are: {@code run_progress} control events at step boundaries and
 * after every chunk, and the snapshot the heartbeat carries. Progress reports are best effort:
 * while Kafka is away they are logged and lost, and the next report says where the run is.
 */
@Component
public class RunReporter {

    public static final String RUN_ID = "runId";
    private static final Logger log = LoggerFactory.getLogger(RunReporter.class);
    private static final int MAX_DETAIL = 2000;

    private final KafkaTemplate<String, Object> kafka;
    private final AtomicReference<RunSnapshot> current = new AtomicReference<>();

    RunReporter(KafkaTemplate<String, Object> laptopKafkaTemplate) {
        this.kafka = laptopKafkaTemplate;
    }

    /** The run in progress, if any. */
    public Optional<RunSnapshot> current() {
        return Optional.ofNullable(current.get());
    }

    /** A step's progress: {@code done} of {@code total} items (0 when unknown). */
    public void progress(StepExecution step, long done, long total) {
        String runId = runIdOf(step);
        current.set(new RunSnapshot(runId, step.getStepName(), done, total));
        send(new RunProgress(runId, RunStatus.RUNNING, step.getStepName(), done, total, null));
    }

    /** A step waiting for better conditions (battery, heat), and why. */
    public void deferred(StepExecution step, long done, long total, String reason) {
        String runId = runIdOf(step);
        current.set(new RunSnapshot(runId, step.getStepName(), done, total));
        send(new RunProgress(runId, RunStatus.DEFERRED, step.getStepName(), done, total, reason));
    }

    void started(String runId, String detail) {
        current.set(new RunSnapshot(runId, null, 0, 0));
        send(new RunProgress(runId, RunStatus.RUNNING, null, 0, 0, detail));
    }

    /** A run's end (or refusal): a {@linkplain RunStatus#isFinal() final} status. */
    void finished(String runId, RunStatus status, String step, String detail) {
        current.updateAndGet(snapshot -> snapshot != null && snapshot.runId().equals(runId) ? null : snapshot);
        send(new RunProgress(runId, status, step, 0, 0, detail));
    }

    Optional<RunSnapshot> snapshotOf(String runId, String step) {
        return current().filter(s -> s.runId().equals(runId) && step.equals(s.step()));
    }

    /** The run id the launcher gave the job (a job parameter), for reports and for naming the run that published a version. */
    public static String runIdOf(StepExecution step) {
        return step.getJobExecution().getJobParameters().getString(RUN_ID);
    }

    private void send(RunProgress progress) {
        RunProgress bounded = progress.detail() == null || progress.detail().length() <= MAX_DETAIL ? progress
                : new RunProgress(progress.runId(), progress.status(), progress.step(), progress.done(), progress.total(),
                progress.detail().substring(0, MAX_DETAIL));
        log.info("run {} {} step={} {}/{}{}", bounded.runId(), bounded.status().wire(), bounded.step(), bounded.done(), bounded.total(),
                bounded.detail() == null ? "" : " (" + bounded.detail() + ")");
        try {
            kafka.send(Topics.RECO_CONTROL.name(), bounded.runId(),
                            ControlEvent.run(ControlType.RUN_PROGRESS, "laptop", bounded, Instant.now()))
                    .whenComplete((result, failure) -> {
                        if (failure != null) {
                            log.warn("could not report run {} progress to Kafka: {}", bounded.runId(), failure.getMessage());
                        }
                    });
        } catch (RuntimeException e) {
            log.warn("could not report run {} progress to Kafka: {}", bounded.runId(), e.getMessage());
        }
    }
}
