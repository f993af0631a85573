package io.nightshift.infra.local.batch;

import tools.jackson.databind.JsonNode;

import java.util.Optional;
import java.util.Set;

/**
 * One run as {@code GET /api/v1/admin/runs} shows it: the latest run_progress the laptop reported
 * (or the owner's request, while the laptop has not picked it up).
 *
 * @param status {@code requested}, {@code running}, {@code deferred}, {@code completed}, {@code failed} or {@code refused}
 * @param step   the step it is in, or empty
 * @param total  items in that step, 0 when unknown
 * @param detail why it waits, why the gate refused, what failed; empty when none
 */
public record RunState(String runId, String status, String step, long done, long total, String detail) {

    private static final Set<String> FINAL = Set.of("completed", "failed", "refused");

    public boolean finished() {
        return FINAL.contains(status);
    }

    public boolean waitingForTheLaptop() {
        return status.equals("requested");
    }

    /** The run in a runs answer; empty when the answer is not a list or does not hold it (yet). */
    public static Optional<RunState> find(JsonNode runs, String runId) {
        if (runs == null || !runs.isArray()) {
            return Optional.empty();
        }
        for (JsonNode run : runs) {
            if (runId.equals(run.path("runId").asString(""))) {
                return Optional.of(new RunState(runId, run.path("status").asString(""), run.path("step").asString(""),
                        run.path("done").asLong(0), run.path("total").asLong(0), run.path("detail").asString("")));
            }
        }
        return Optional.empty();
    }
}
