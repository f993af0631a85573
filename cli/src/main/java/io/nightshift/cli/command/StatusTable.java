package io.nightshift.cli.command;

import io.nightshift.cli.stack.StackState;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.LongPredicate;

/**
 * {@code ./nightshift status} as a table of what runs and what each line means: one row per
 * server, app and laptop view, in words, with the command that changes it. Pure: the caller
 * passes what it probed (live pids, healthy ports, the cloud's view of the laptop), so the
 * table is tested on a {@link StackState} fixture without a running stack.
 */
final class StatusTable {

    /** The name column, as wide as the longest app name ({@code streams-processor}) plus a gap. */
    private static final String ROW = "  %-18s %s";

    private StatusTable() {
    }

    /**
     * @param laptopSeen the cloud's view of the laptop, already in words ({@link #cloudView})
     */
    static List<String> lines(StackState state, Instant now, LongPredicate alive, IntPredicate healthy, String laptopSeen) {
        List<String> lines = new ArrayList<>();
        lines.add("Nightshift is " + phase(state.phase()) + " since " + state.startedAt() + " (supervisor pid " + state.supervisorPid() + ")");
        lines.add("");
        lines.add(String.format(ROW, "WHAT", "STATE"));
        lines.add(String.format(ROW, "online API", state.apiUrl() + "  (shops, the widget and the owner's console call this)"));
        lines.add(String.format(ROW, "kafka", server(state.kafkaStatus(), state.kafka(), "kafka",
                "events wait in the API's spool while it is stopped")));
        lines.add(String.format(ROW, "redis", server(state.redisStatus(), state.redis(), "redis",
                "the API answers last-known-good while it is stopped")));
        lines.add(String.format(ROW, "postgresql", state.postgres() + "  (the event log; " + (state.secrets() == null
                ? "user postgres; analysts: analyst/analyst)"
                : "user postgres: $SPRING_DATASOURCE_PASSWORD; analysts: analyst, $NIGHTSHIFT_EVENTLOG_ANALYST_PASSWORD)")));
        for (Map.Entry<String, StackState.App> app : state.apps().entrySet()) {
            lines.add(AppStatusLine.of(app.getKey(), app.getValue(), now, alive, healthy));
        }
        lines.add(String.format(ROW, "laptop", wish(state.laptop())));
        // The wish is what the supervisor made true; the cloud only knows heartbeats, so it lags a wish by minutes.
        lines.add(String.format(ROW, "laptop, as cloud", laptopSeen + " (from its heartbeats; silent for minutes means offline)"));
        return lines;
    }

    /** What the owner asked of the laptop, and how to ask the opposite. */
    static String wish(String laptop) {
        return "offline".equals(laptop)
                ? "offline (you asked for offline: it was killed like a closed lid; `./nightshift laptop online` brings it back)"
                : laptop + " (you asked for " + laptop + "; `./nightshift laptop offline` simulates it vanishing)";
    }

    /** The online API's {@code /api/v1/admin/laptop} answer in words: what the cloud knows from heartbeats. */
    static String cloudView(JsonNode laptop) {
        String status = laptop.path("status").asString("unknown");
        if (laptop.path("secondsSinceLastSeen").isMissingNode() || laptop.path("secondsSinceLastSeen").isNull()) {
            return status + " (no heartbeat yet)";
        }
        StringBuilder words = new StringBuilder(status).append(", last heartbeat ")
                .append(laptop.path("secondsSinceLastSeen").asLong()).append(" s ago");
        String job = laptop.path("runningJob").asString("");
        if (!job.isEmpty()) {
            words.append(", running ").append(job);
        } else if (!laptop.path("state").asString("").isEmpty()) {
            words.append(", ").append(laptop.path("state").asString(""));
        }
        if (laptop.hasNonNull("freshLag")) {
            words.append(", ").append(laptop.path("freshLag").asLong()).append(" fresh requests waiting");
        }
        return words.toString();
    }

    private static String phase(String phase) {
        return switch (phase) {
            case "starting" -> "starting (the apps come up one by one)";
            case "stopping" -> "stopping";
            default -> phase;
        };
    }

    /** Servers, like apps, stay stopped when the owner stopped them; the row says how to bring one back. */
    private static String server(String status, String address, String command, String whileStopped) {
        return StackState.STOPPED.equals(status)
                ? "stopped on purpose (" + address + "); " + whileStopped + "; `./nightshift " + command + " start` brings it back"
                : status + " at " + address + " (`./nightshift " + command + " stop` simulates an outage)";
    }
}
