package io.nightshift.laptop.run;

import io.nightshift.laptop.LaptopProperties;
import io.nightshift.laptop.conditions.LaptopConditions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Heavy steps (training, evaluation, each scoring chunk) pass through here first: while the laptop
 * is on battery or too hot they wait, saying so in a {@code deferred} run_progress and in the
 * heartbeat's state, and go on by themselves when the conditions clear. Waiting happens between
 * units of work, never inside one, so nothing is lost and nothing restarts.
 */
@Component
public class HeavyWork {

    private static final Logger log = LoggerFactory.getLogger(HeavyWork.class);

    private final LaptopConditions conditions;
    private final RunReporter reporter;
    private final long pollMillis;
    private final AtomicReference<String> deferred = new AtomicReference<>();

    HeavyWork(LaptopConditions conditions, RunReporter reporter, LaptopProperties properties) {
        this.conditions = conditions;
        this.reporter = reporter;
        this.pollMillis = properties.deferral().poll().toMillis();
    }

    /** Why work is waiting right now, if it is. */
    public Optional<String> deferredBecause() {
        return Optional.ofNullable(deferred.get());
    }

    /** Returns when heavy work may go on; {@code done}/{@code total} are the step's progress to report meanwhile. */
    public void awaitConditions(StepExecution step, long done, long total) throws InterruptedException {
        Optional<String> reason = conditions.deferralReason();
        if (reason.isEmpty()) {
            return;
        }
        String last = null;
        try {
            while (reason.isPresent()) {
                if (!reason.get().equals(last)) {
                    last = reason.get();
                    deferred.set(last);
                    log.info("step {} deferred: {}", step.getStepName(), last);
                    reporter.deferred(step, done, total, last);
                }
                TimeUnit.MILLISECONDS.sleep(pollMillis);
                reason = conditions.deferralReason();
            }
        } finally {
            deferred.set(null);
        }
        log.info("step {} resumes: conditions are fine again", step.getStepName());
        reporter.progress(step, done, total);
    }
}
