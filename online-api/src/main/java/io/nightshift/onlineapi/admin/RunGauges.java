package io.nightshift.onlineapi.admin;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.nightshift.schemas.control.RunStatus;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The newest batch run for {@code /actuator/prometheus}, as the control topic told {@link RunBoard}
 * (it keeps reporting what the laptop last said while the laptop is away):
 * <ul>
 *   <li>{@code nightshift_run_progress_ratio}: the current step's progress from 0 to 1 (done / total); 1 once the
 *   run completed; NaN before any run or while a step has no total yet</li>
 *   <li>{@code nightshift_run_updated_timestamp_seconds}: when the run last reported</li>
 *   <li>{@code nightshift_run_info{status, step}}: 1, for the newest run only (run ids are not labels: one per night)</li>
 * </ul>
 */
final class RunGauges {

    private final MultiGauge info;

    private RunGauges(MultiGauge info) {
        this.info = info;
    }

    static RunGauges register(MeterRegistry meters, Supplier<Optional<RunBoard.Run>> newest) {
        Gauge.builder("nightshift.run.progress", newest, n -> n.get().map(RunGauges::progress).orElse(Double.NaN))
                .description("the newest batch run's progress in its current step, 0 to 1").baseUnit("ratio").strongReference(true).register(meters);
        Gauge.builder("nightshift.run.updated", newest, n -> n.get().map(run -> run.updatedAt().toEpochMilli() / 1000.0).orElse(Double.NaN))
                .description("when the newest batch run last reported, epoch seconds").baseUnit("timestamp_seconds").strongReference(true).register(meters);
        return new RunGauges(MultiGauge.builder("nightshift.run.info").description("the newest batch run's status and step (value 1)")
                .register(meters));
    }

    void reported(RunBoard.Run run) {
        String step = run.step() == null || run.step().isBlank() ? "none" : run.step().substring(0, Math.min(64, run.step().length()));
        info.register(List.of(MultiGauge.Row.of(Tags.of("status", run.status().wire(), "step", step), 1.0)), true);
    }

    private static double progress(RunBoard.Run run) {
        if (run.status() == RunStatus.COMPLETED) {
            return 1.0;
        }
        return run.total() > 0 ? Math.min(1.0, (double) run.done() / run.total()) : Double.NaN;
    }
}
