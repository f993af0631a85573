package io.nightshift.schemas.heartbeat;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * The laptop saying it is alive, on {@code laptop.heartbeat.v1} (keyed by laptop id) every few
 * seconds. The cloud derives {@code online}/{@code late}/{@code offline} from when the last one arrived.
 *
 * @param laptopId      which laptop
 * @param schemaVersion {@value #SCHEMA_VERSION}
 * @param sentAt        when it was sent
 * @param state         {@code idle}, {@code running}, {@code deferred} (waiting on power or heat) or {@code stopping}
 * @param power         {@code ac}, {@code battery} or {@code unknown}
 * @param temperatureC  the hottest readable sensor, or {@code null}
 * @param device        the compute device the model runs on, e.g. {@code gpu(0)} or {@code cpu()}
 * @param runningJob    the run in progress, or {@code null}
 * @param progress      that run's progress from 0 to 1, or {@code null}
 * @param freshLag      fresh requests waiting in Kafka for this laptop
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Heartbeat(
        String laptopId,
        int schemaVersion,
        Instant sentAt,
        String state,
        String power,
        Double temperatureC,
        String device,
        String runningJob,
        Double progress,
        Long freshLag) {

    public static final int SCHEMA_VERSION = 1;
}
