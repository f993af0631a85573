package io.nightshift.cli.batch;

import io.nightshift.cli.terminal.Durations;
import io.nightshift.cli.terminal.Progress;
import io.nightshift.schemas.control.RunStatus;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The run as the terminal shows it: a line when a step starts, a progress bar per step (at each
 * tenth, at the end, and at least every {@value #BAR_EVERY_SECONDS} s while it moves), and one
 * sentence per change in the laptop's presence or in a deferral. Also remembers what the summary
 * needs: each step's largest counts (the final report carries none) and how long the run waited
 * for the laptop.
 */
public final class RunView implements RunFollower.Watcher {

    /** The run is the laptop's: stopping the watch does not stop it. */
    public static final String OFFLINE_TAIL = "Ctrl-C stops watching, not the run";
    private static final long BAR_EVERY_SECONDS = 10;

    /** A step's largest counts as seen. */
    public record StepCounts(long done, long total) {
    }

    private final Progress progress;
    private final long startedAt = System.nanoTime();
    private final Map<String, StepCounts> steps = new LinkedHashMap<>();
    private String currentStep = "";
    private long stepStartedAt;
    private long lastSeenAt;
    private long barDone = -1;
    private long barTenth = -1;
    private long barAt;
    private String deferral;
    private boolean laptopAway;
    private boolean laptopDeferralSaid;
    private boolean apiSilent;
    private RunState last;
    private Duration waitedForLaptop;

    public RunView(Progress progress) {
        this.progress = progress;
    }

    @Override
    public boolean watchesLaptop() {
        return true;
    }

    @Override
    public void seen(RunState run) {
        long seenBefore = lastSeenAt;
        lastSeenAt = System.nanoTime();
        apiSilent = false;
        if (waitedForLaptop == null && !run.waitingForTheLaptop()) {
            waitedForLaptop = Duration.ofNanos(System.nanoTime() - startedAt);
        }
        last = run;
        if (run.finished()) {
            return;
        }
        deferral(run);
        if (run.step().isEmpty()) {
            return;
        }
        if (!run.step().equals(currentStep)) {
            currentStep = run.step();
            // The step began somewhere since the previous poll; its start there keeps the first rate an honest estimate.
            stepStartedAt = seenBefore > 0 ? seenBefore : lastSeenAt;
            barDone = -1;
            barTenth = -1;
            progress.info("  .. " + run.step());
        }
        if (run.done() > 0 || run.total() > 0) {
            steps.merge(run.step(), new StepCounts(run.done(), run.total()),
                    (a, b) -> new StepCounts(Math.max(a.done(), b.done()), Math.max(a.total(), b.total())));
        }
        bar(run);
    }

    private void bar(RunState run) {
        if (run.total() <= 0 || run.done() == barDone) {
            return;
        }
        long now = System.nanoTime();
        long tenth = run.done() * 10 / run.total();
        boolean due = barDone < 0 || run.done() >= run.total() || tenth != barTenth
                || Duration.ofNanos(now - barAt).toSeconds() >= BAR_EVERY_SECONDS;
        if (due) {
            progress.bar(run.step(), run.done(), run.total(), Duration.ofNanos(now - stepStartedAt));
            barDone = run.done();
            barTenth = tenth;
            barAt = now;
        }
    }

    private void deferral(RunState run) {
        if (run.status() == RunStatus.DEFERRED) {
            String reason = run.detail().isEmpty() ? "conditions (power, heat)" : run.detail();
            if (!reason.equals(deferral)) {
                deferral = reason;
                progress.warn("the laptop deferred " + (run.step().isEmpty() ? "the run" : run.step()) + ": " + reason
                        + "; it goes on by itself when that clears");
            }
        } else if (deferral != null) {
            deferral = null;
            laptopDeferralSaid = false;
            progress.info("  .. conditions are fine again; the run goes on");
        }
    }

    @Override
    public void laptop(LaptopState laptop) {
        if (laptop.away() && !laptopAway) {
            laptopAway = true;
            boolean notStarted = last == null || last.waitingForTheLaptop();
            String silence = laptop.silentFor() >= 0 ? " (last heartbeat " + Durations.human(Duration.ofSeconds(laptop.silentFor())) + " ago)" : "";
            progress.warn("the laptop is " + laptop.status() + silence + ": the run " + (notStarted ? "starts" : "resumes")
                    + " when it comes back; " + OFFLINE_TAIL);
        } else if (!laptop.away() && laptopAway) {
            laptopAway = false;
            progress.info("  .. the laptop is back online");
        }
        // The heartbeat says "deferred" even when the run's own deferral report was lost (Kafka away).
        if (laptop.deferring() && deferral == null && !laptopDeferralSaid) {
            laptopDeferralSaid = true;
            progress.warn("the laptop defers heavy work (" + conditions(laptop) + "); it goes on by itself when that clears");
        } else if (!laptop.deferring()) {
            laptopDeferralSaid = false;
        }
    }

    private static String conditions(LaptopState laptop) {
        String power = laptop.power().isEmpty() ? "power unknown" : "power " + laptop.power();
        return Double.isNaN(laptop.temperatureC()) ? power : power + String.format(Locale.ROOT, ", %.0f °C", laptop.temperatureC());
    }

    @Override
    public void apiSilent(String why) {
        if (!apiSilent) {
            apiSilent = true;
            progress.warn(why + "; asking again (" + OFFLINE_TAIL + ")");
        }
    }

    public Optional<StepCounts> counts(String step) {
        return Optional.ofNullable(steps.get(step));
    }

    /** Time from the request until the laptop reported the run; all of it when it never did. */
    public Duration waitedForLaptop() {
        return waitedForLaptop != null ? waitedForLaptop : Duration.ofNanos(System.nanoTime() - startedAt);
    }
}
