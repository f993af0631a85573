package io.nightshift.cli.batch;

import tools.jackson.databind.JsonNode;

/**
 * The laptop as {@code GET /api/v1/admin/laptop} shows it (from its heartbeats).
 *
 * @param status       {@code online}, {@code late} or {@code offline}
 * @param state        {@code idle}, {@code running}, {@code deferred} or {@code stopping}; empty when unknown
 * @param power        {@code ac}, {@code battery} or {@code unknown}; empty when unknown
 * @param temperatureC the hottest sensor, NaN when unknown
 * @param silentFor    seconds since the last heartbeat, -1 when none ever came
 */
public record LaptopState(String status, String state, String power, double temperatureC, long silentFor) {

    public boolean away() {
        return status.equals("offline") || status.equals("late");
    }

    public boolean deferring() {
        return state.equals("deferred");
    }

    static LaptopState parse(JsonNode laptop) {
        JsonNode temperature = laptop.path("temperatureC");
        JsonNode silence = laptop.path("secondsSinceLastSeen");
        return new LaptopState(laptop.path("status").asString(""), laptop.path("state").asString(""), laptop.path("power").asString(""),
                temperature.isNumber() ? temperature.asDouble() : Double.NaN, silence.isNumber() ? silence.asLong() : -1);
    }
}
