package io.nightshift.laptop.run;

import java.util.List;

/**
 * Where the run in progress is, as the heartbeat tells it.
 *
 * @param runId the run
 * @param step  the step it is in, or {@code null} between steps
 * @param done  items done in that step
 * @param total items in that step, 0 when unknown
 */
public record RunSnapshot(String runId, String step, long done, long total) {

    /** The steps of nightlyJob in order; an unknown step counts as the start. */
    static final List<String> STEPS = List.of("syncEvents", "trainModel", "evaluateModel", "scoreCatalog", "scoreShoppers",
            "publishVersion");

    /** The whole run's progress from 0 to 1: each step counts as an equal share. */
    public double overallProgress() {
        int index = Math.max(0, STEPS.indexOf(step));
        double within = total > 0 ? Math.min(1.0, (double) done / total) : 0.0;
        return Math.min(1.0, (index + within) / STEPS.size());
    }
}
