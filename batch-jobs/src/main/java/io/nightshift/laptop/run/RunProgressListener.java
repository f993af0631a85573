package io.nightshift.laptop.run;

import io.nightshift.schemas.control.RunStatus;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

import java.util.Objects;
import java.util.stream.Collectors;

/** Reports each run's start and end and each step's boundaries as run_progress events. */
@Component
public class RunProgressListener implements JobExecutionListener, StepExecutionListener {

    /** The job-context key under which the evaluation gate leaves its reason for not publishing. */
    public static final String GATE_REFUSAL = "gateRefusal";

    private final RunReporter reporter;

    RunProgressListener(RunReporter reporter) {
        this.reporter = reporter;
    }

    @Override
    public void beforeJob(JobExecution job) {
        String trigger = job.getJobParameters().getString("trigger");
        reporter.started(job.getJobParameters().getString(RunReporter.RUN_ID),
                trigger == null ? null : "started by " + trigger);
    }

    @Override
    public void afterJob(JobExecution job) {
        String runId = job.getJobParameters().getString(RunReporter.RUN_ID);
        String lastStep = job.getStepExecutions().stream()
                .reduce((first, second) -> second).map(StepExecution::getStepName).orElse(null);
        String refusal = job.getExecutionContext().containsKey(GATE_REFUSAL) ? job.getExecutionContext().getString(GATE_REFUSAL) : null;
        if (job.getStatus() == BatchStatus.COMPLETED && refusal != null) {
            reporter.finished(runId, RunStatus.REFUSED, "evaluateModel", refusal);
            return;
        }
        if (job.getStatus() == BatchStatus.COMPLETED) {
            reporter.finished(runId, RunStatus.COMPLETED, lastStep, null);
            return;
        }
        String why = job.getAllFailureExceptions().stream()
                .map(Throwable::getMessage).filter(Objects::nonNull).distinct()
                .collect(Collectors.joining("; "));
        reporter.finished(runId, RunStatus.FAILED, lastStep,
                "step " + lastStep + " " + job.getStatus().name().toLowerCase() + (why.isEmpty() ? "" : ": " + why)
                        + "; a restart resumes at this step");
    }

    @Override
    public void beforeStep(StepExecution step) {
        reporter.progress(step, 0, 0);
    }

    @Override
    public ExitStatus afterStep(StepExecution step) {
        long done = step.getWriteCount();
        long total = reporter.snapshotOf(RunReporter.runIdOf(step), step.getStepName())
                .map(RunSnapshot::total).orElse(done);
        reporter.progress(step, done, Math.max(total, done));
        return null;
    }
}
