package io.nightshift.laptop.evaluation;

import io.nightshift.laptop.models.Configuration;
import io.nightshift.laptop.models.KernelRate;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Whether a trial's training can end within the selection budget left. The budget stops new trials,
 * not a running one, and a cubic family's one kernel (EASE's inverse of 18k items: ten minutes on two
 * cores) would otherwise take the night's run far past it. The machine's rate is measured once, and
 * only when some configuration declares its operations.
 */
final class TrialClock {

    private final DoubleSupplier measure;
    private double rate = -1;

    TrialClock() {
        this(KernelRate::operationsPerSecond);
    }

    /** @param measure operations per second of the engine's dense kernels, 0 when unknown */
    TrialClock(DoubleSupplier measure) {
        this.measure = measure;
    }

    /** Why the configuration would outlast {@code deadline} (a {@link System#nanoTime} instant), if it would. */
    Optional<String> overrun(Configuration<?> configuration, int itemCount, int[][] train, long deadline) {
        double operations = configuration.trainingOperations(itemCount, train);
        if (operations <= 0) {
            return Optional.empty();
        }
        if (rate < 0) {
            rate = measure.getAsDouble();
        }
        if (rate <= 0) {
            return Optional.empty();
        }
        Duration needed = Duration.ofMillis((long) Math.min(Long.MAX_VALUE / 2.0, operations / rate * 1000));
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        if (needed.compareTo(left) <= 0) {
            return Optional.empty();
        }
        return Optional.of(String.format(java.util.Locale.ROOT, "needs ~%s of training at %.1f GFLOP/s, %s of the selection budget left",
                human(needed), rate / 1e9, human(left)));
    }

    private static String human(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 120 ? (seconds / 60) + " min" : seconds + " s";
    }
}
