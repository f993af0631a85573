package io.nightshift.laptop.evaluation;

import io.nightshift.laptop.models.Configuration;
import io.nightshift.laptop.models.Ease;
import io.nightshift.laptop.models.KernelRate;
import io.nightshift.laptop.models.Popularity;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class TrialClockTest {

    private static final int[][] HISTORIES = {{0, 1, 2}, {1, 2, 3}};
    private static final double TWENTY_GFLOPS = 20e9;

    @Test
    @DisplayName("EASE on 18k items is not started with 5 minutes left at 20 GFLOP/s (2·18k³ is ~10 min); on 2k items it is")
    void cubicTrialOutlastingTheBudget() {
        TrialClock clock = new TrialClock(() -> TWENTY_GFLOPS);
        Configuration<Ease.Parameters> ease = new Configuration<>(new Ease(new double[]{8}, 40_000), new Ease.Parameters(10f));
        long fiveMinutes = System.nanoTime() + Duration.ofMinutes(5).toNanos();

        assertThat(clock.overrun(ease, 18_000, HISTORIES, fiveMinutes))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("needs ~9 min of training at 20.0 GFLOP/s").contains("budget left"));
        assertThat(clock.overrun(ease, 2_000, HISTORIES, fiveMinutes)).isEmpty();
    }

    @Test
    @DisplayName("a family that declares no operations is never judged by time, and the machine is not measured for it")
    void undeclaredOperations() {
        AtomicInteger measured = new AtomicInteger();
        TrialClock clock = new TrialClock(() -> {
            measured.incrementAndGet();
            return 1;
        });
        Configuration<Popularity.Parameters> popularity = new Configuration<>(new Popularity(), new Popularity.Parameters());

        assertThat(clock.overrun(popularity, 1_000_000, HISTORIES, System.nanoTime())).isEmpty();
        assertThat(measured).hasValue(0);
    }

    @Test
    @DisplayName("an unknown rate (the engine cannot run) starts every trial; the rate is measured once")
    void unknownRate() {
        AtomicInteger measured = new AtomicInteger();
        TrialClock clock = new TrialClock(() -> {
            measured.incrementAndGet();
            return 0;
        });
        Configuration<Ease.Parameters> ease = new Configuration<>(new Ease(new double[]{8}, 40_000), new Ease.Parameters(10f));

        assertThat(clock.overrun(ease, 18_000, HISTORIES, System.nanoTime())).isEmpty();
        assertThat(clock.overrun(ease, 18_000, HISTORIES, System.nanoTime())).isEmpty();
        assertThat(measured).hasValue(1);
    }

    @Test
    @DisplayName("the engine's measured rate is a finite positive number of operations per second")
    void measuredRate() {
        double rate = KernelRate.operationsPerSecond();

        assertThat(rate).isPositive().isFinite().isGreaterThan(1e7);
    }
}
