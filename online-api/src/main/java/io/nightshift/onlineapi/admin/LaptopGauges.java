package io.nightshift.onlineapi.admin;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.nightshift.schemas.heartbeat.Heartbeat;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The laptop's state for {@code /actuator/prometheus}. The laptop has no inbound port, so these
 * are what its heartbeats last said, read through {@link LaptopWatch}:
 * <ul>
 *   <li>{@code nightshift_laptop_up}: 1 while heartbeats arrive ({@code online} or {@code late}), 0 once it is
 *   {@code offline} or was never heard of</li>
 *   <li>{@code nightshift_laptop_heartbeat_age_seconds}: since its last heartbeat; NaN when none is known (the API
 *   replays the heartbeat topic, kept a day, at start: a laptop gone longer than that is NaN after a restart)</li>
 *   <li>{@code nightshift_laptop_temperature_celsius}: its hottest readable sensor; NaN when it reports none
 *   (no readable sensor, or no heartbeat)</li>
 *   <li>{@code nightshift_laptop_fresh_lag_requests}: fresh requests waiting in Kafka for it; NaN without a heartbeat</li>
 *   <li>{@code nightshift_laptop_info{laptop, device, power, state}}: 1, for the latest heartbeat only</li>
 * </ul>
 */
final class LaptopGauges {

    /** Label values come from the laptop; a long one would only bloat every scrape. */
    private static final int MAX_LABEL = 64;

    private final MultiGauge info;

    private LaptopGauges(MultiGauge info) {
        this.info = info;
    }

    static LaptopGauges register(MeterRegistry meters, Supplier<LaptopWatch.LaptopStatus> status) {
        gauge(meters, "nightshift.laptop.up", "1 while the laptop's heartbeats arrive (online or late), else 0", status,
                s -> "offline".equals(s.status()) ? 0.0 : 1.0);
        gauge(meters, "nightshift.laptop.heartbeat.age", "seconds since the laptop's last heartbeat; NaN when none is known", status,
                s -> s.secondsSinceLastSeen() == null ? Double.NaN : s.secondsSinceLastSeen().doubleValue(), "seconds");
        gauge(meters, "nightshift.laptop.temperature", "the laptop's hottest readable sensor; NaN when unknown", status,
                s -> s.temperatureC() == null ? Double.NaN : s.temperatureC(), "celsius");
        gauge(meters, "nightshift.laptop.fresh.lag", "fresh requests waiting in Kafka for the laptop, as it last reported; NaN when unknown",
                status, s -> s.freshLag() == null ? Double.NaN : s.freshLag().doubleValue(), "requests");
        return new LaptopGauges(MultiGauge.builder("nightshift.laptop.info")
                .description("the laptop's identity and state from its latest heartbeat (value 1)").register(meters));
    }

    void identified(Heartbeat beat) {
        info.register(List.of(MultiGauge.Row.of(Tags.of("laptop", label(beat.laptopId()), "device", label(beat.device()),
                "power", label(beat.power()), "state", label(beat.state())), 1.0)), true);
    }

    private static void gauge(MeterRegistry meters, String name, String description, Supplier<LaptopWatch.LaptopStatus> status,
                              Function<LaptopWatch.LaptopStatus, Double> value, String... unit) {
        Gauge.Builder<Supplier<LaptopWatch.LaptopStatus>> builder = Gauge.builder(name, status, s -> value.apply(s.get()))
                .description(description).strongReference(true);
        if (unit.length > 0) {
            builder.baseUnit(unit[0]);
        }
        builder.register(meters);
    }

    private static String label(String value) {
        if (value == null || value.isBlank()) {
            return "unknown";
        }
        return value.length() <= MAX_LABEL ? value : value.substring(0, MAX_LABEL);
    }
}
