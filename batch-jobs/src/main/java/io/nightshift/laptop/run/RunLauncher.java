package io.nightshift.laptop.run;

import io.nightshift.schemas.control.RunStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts nightlyJob runs, one at a time, on a thread of their own (a run lasts far longer than
 * a Kafka listener may block). A run asked for while another is in progress is refused with a
 * run_progress saying so; the owner can ask again.
 */
@Component
public class RunLauncher implements AutoCloseable {

    public static final String JOB_NAME = "nightlyJob";
    private static final Logger log = LoggerFactory.getLogger(RunLauncher.class);

    private final JobOperator operator;
    private final Job nightlyJob;
    private final JobRepository repository;
    private final RunReporter reporter;
    private final AtomicReference<String> running = new AtomicReference<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "nightly-run");
        thread.setDaemon(true);
        return thread;
    });

    RunLauncher(JobOperator operator, @Qualifier(JOB_NAME) Job nightlyJob, JobRepository repository, RunReporter reporter) {
        this.operator = operator;
        this.nightlyJob = nightlyJob;
        this.repository = repository;
        this.reporter = reporter;
    }

    /**
     * Starts a new run unless one is in progress.
     *
     * @return whether it was started
     */
    public boolean launch(String runId, String trigger) {
        if (!running.compareAndSet(null, runId)) {
            reporter.finished(runId, RunStatus.REFUSED, null, "run " + running.get() + " is in progress; ask again when it has finished");
            return false;
        }
        JobParameters parameters = new JobParametersBuilder()
                .addString(RunReporter.RUN_ID, runId, true)
                .addString("trigger", trigger, false)
                .toJobParameters();
        runner.execute(() -> runToEnd(runId, () -> operator.start(nightlyJob, parameters)));
        return true;
    }

    /** Resumes a failed or interrupted run at the step that failed; its completed steps are not repeated. */
    public boolean resume(JobExecution failed) {
        String runId = failed.getJobParameters().getString(RunReporter.RUN_ID);
        if (!running.compareAndSet(null, runId)) {
            return false;
        }
        runner.execute(() -> runToEnd(runId, () -> operator.restart(failed)));
        return true;
    }

    public Optional<String> runningRunId() {
        return Optional.ofNullable(running.get());
    }

    /** When the most recent run was started, if there ever was one. */
    public Optional<Instant> lastRunStartedAt() {
        JobInstance last = repository.getLastJobInstance(JOB_NAME);
        if (last == null) {
            return Optional.empty();
        }
        return repository.getJobExecutions(last).stream()
                .map(JobExecution::getCreateTime)
                .filter(Objects::nonNull)
                .max(Comparator.naturalOrder())
                .map(time -> time.atZone(ZoneId.systemDefault()).toInstant());
    }

    /**
     * A process killed mid-run leaves its execution marked as started for ever. Nothing else
     * runs jobs on this store, so such executions are marked failed and the latest is resumed.
     */
    public void resumeInterruptedRuns() {
        Optional<JobExecution> latest = repository.findRunningJobExecutions(JOB_NAME).stream()
                .map(operator::recover)
                .max(Comparator.comparing(JobExecution::getId));
        latest.ifPresent(execution -> {
            log.info("resuming run {} interrupted when the laptop last stopped", execution.getJobParameters().getString(RunReporter.RUN_ID));
            resume(execution);
        });
    }

    private void runToEnd(String runId, FailableStart start) {
        try {
            JobExecution execution = start.run();
            // The operator may hand the run to another executor: wait for its end so runs never overlap.
            while (execution != null && execution.isRunning()) {
                TimeUnit.MILLISECONDS.sleep(500);
                execution = repository.getJobExecution(execution.getId());
            }
        } catch (JobInstanceAlreadyCompleteException e) {
            reporter.finished(runId, RunStatus.REFUSED, null, "run " + runId + " has already completed; use a new run id");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.error("run {} could not start", runId, e);
            reporter.finished(runId, RunStatus.FAILED, null, "could not start: " + e.getMessage());
        } finally {
            running.set(null);
        }
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }

    @FunctionalInterface
    private interface FailableStart {
        JobExecution run() throws Exception;
    }
}
