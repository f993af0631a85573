package io.nightshift.cli.bench;

import java.util.List;

/**
 * The serving runs measured with the online API and Redis alone on their core ({@link CloudBoxPinning}),
 * or why there are none.
 *
 * @param runs    product pages at 1 and at many callers, each with its Redis baseline measured pinned the same way
 * @param pinned  which process ran where; null when skipped
 * @param skipped why the runs were skipped (no taskset, one core...); null when they ran
 */
public record CloudBoxRuns(List<ServingRun> runs, String pinned, String skipped) {

    public CloudBoxRuns {
        runs = List.copyOf(runs);
    }

    public static CloudBoxRuns skipped(String why) {
        return new CloudBoxRuns(List.of(), null, why);
    }

    String paragraph() {
        if (skipped != null) {
            return "Cloud box alone (the API and Redis alone on one core, as on a production cloud server): skipped, " + skipped + ".\n";
        }
        return "Cloud box alone, the shape of a production cloud server on this machine: " + pinned + ". Pinned with `taskset`\n"
                + "for those runs only (their Redis baselines too) and given back after; every other run had all cores for\n"
                + "everything. Other users of the machine were not moved: the load average says how busy they kept it.\n";
    }
}
