package io.nightshift.laptop.evaluation;

import io.nightshift.laptop.models.Configuration;
import io.nightshift.laptop.models.Dataset;
import io.nightshift.laptop.models.Hyperparameters;
import io.nightshift.laptop.models.ItemScorer;
import io.nightshift.laptop.models.MemoryBudget;
import io.nightshift.laptop.models.MemoryEstimate;
import io.nightshift.laptop.models.ModelFamily;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Picks a family and its parameters by validation NDCG@10 on the split carved from the training
 * data, so the test items stay unseen: one winner per task (product pages and "for you" lists
 * may be served by different models) and one by the mean of both. Every family's first
 * parameter set is tried before any second one, later points only for families still in
 * contention, and no new trial starts once the time budget is spent. A parameter set whose memory
 * estimate does not fit the memory budget is never trained; a family with none that fits is skipped,
 * and the outcome says why. Nor is a trial started whose dense kernels would outlast the budget left
 * at this machine's measured rate ({@link TrialClock}): the budget cannot stop a running inverse.
 */
public final class ModelSelection {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ModelSelection.class);
    /** A family within this share of the best validation NDCG@10 (on either task) keeps being tuned. */
    static final double CONTENDER_RATIO = 0.95;

    private ModelSelection() {
    }

    /**
     * One trained and evaluated configuration.
     *
     * @param millis training plus evaluation time
     */
    public record Trial(Configuration<?> configuration, Metrics related, Metrics personal, long millis) {

        public String family() {
            return configuration.name();
        }

        public Hyperparameters parameters() {
            return configuration.parameters();
        }

        /** The selection criterion: mean NDCG@10 of the two tasks. */
        public double score() {
            return (related.ndcg() + personal.ndcg()) / 2;
        }

        public Map<String, Double> asMetrics(String prefix) {
            return Map.of(prefix + "related.hr10", related.hitRate(), prefix + "related.ndcg10", related.ndcg(),
                    prefix + "personal.hr10", personal.hitRate(), prefix + "personal.ndcg10", personal.ndcg(),
                    prefix + "cases", (double) related.cases());
        }

        @Override
        public String toString() {
            return configuration + " related " + related + " personal " + personal + " in " + millis + " ms";
        }
    }

    /**
     * @param best         the winner by the mean of the two tasks
     * @param bestRelated  the winner of the related task (product pages)
     * @param bestPersonal the winner of the personal task ("for you" lists)
     * @param trials       everything tried, in order
     * @param skipped      per family skipped for memory or time, why (e.g. "needs ~1.6 GB heap, 700 MB free")
     *                     (the winners are null when every family was skipped)
     */
    public record Outcome(Trial best, Trial bestRelated, Trial bestPersonal, List<Trial> trials, Map<String, String> skipped) {

        public Outcome {
            trials = List.copyOf(trials);
            skipped = Map.copyOf(skipped);
        }
    }

    public static Outcome select(Dataset data, List<ModelFamily<?>> families, Duration budget, Consumer<String> log) {
        return select(data, families, budget, Integer.MAX_VALUE, log);
    }

    public static Outcome select(Dataset data, List<ModelFamily<?>> families, Duration budget, int maxCases, Consumer<String> log) {
        return select(data, families, budget, maxCases, MemoryBudget.unlimited(), log);
    }

    /**
     * @param maxCases at most this many validation users are scored (an even, deterministic sample):
     *                 full-catalog ranking costs O(users x items), and a few thousand users already tell families apart
     */
    /**
     * @param memory what one model may take: estimates are made for all of {@code data}'s interactions,
     *               so a configuration that fits here also fits when the winner is trained on all the data
     * @return the outcome; when no family fits the memory it has no trials and no winners (null), only the reasons
     */
    public static Outcome select(Dataset data, List<ModelFamily<?>> families, Duration budget, int maxCases, MemoryBudget memory,
                                 Consumer<String> log) {
        LeaveLastOut validation = LeaveLastOut.validation(data).sample(maxCases);
        Map<String, String> skipped = new LinkedHashMap<>();
        List<ModelFamily<?>> usable = new ArrayList<>();
        List<List<? extends Configuration<?>>> grids = new ArrayList<>();
        for (ModelFamily<?> family : families) {
            if (!family.takes(data.itemCount())) {
                skipped.put(family.name(), "a dense model cannot hold " + data.itemCount() + " items");
                log.accept("skipped " + family.name() + ": " + skipped.get(family.name()));
                continue;
            }
            List<? extends Configuration<?>> grid = affordable(Configuration.grid(family, data.itemCount(), validation.train()),
                    data, memory, reason -> skipped.put(family.name(), reason));
            if (grid.isEmpty()) {
                log.accept("skipped " + family.name() + " for memory: " + skipped.get(family.name()));
            } else {
                usable.add(family);
                grids.add(grid);
            }
        }
        if (usable.isEmpty()) {
            return new Outcome(null, null, null, List.of(), skipped);
        }
        long deadline = System.nanoTime() + budget.toNanos();
        TrialClock clock = new TrialClock();
        List<Trial> trials = new ArrayList<>();
        int longest = grids.stream().mapToInt(List::size).max().orElse(0);
        for (int round = 0; round < longest; round++) {
            for (int f = 0; f < usable.size(); f++) {
                if (round >= grids.get(f).size() || (!trials.isEmpty() && System.nanoTime() > deadline)) {
                    continue;
                }
                if (round > 0 && !contender(usable.get(f).name(), trials)) {
                    continue;
                }
                Configuration<?> configuration = grids.get(f).get(round);
                Optional<String> overrun = clock.overrun(configuration, data.itemCount(), validation.train(), deadline);
                if (overrun.isPresent()) {
                    if (trials.stream().noneMatch(t -> t.family().equals(configuration.name()))) {
                        skipped.putIfAbsent(configuration.name(), overrun.get());
                    }
                    log.accept("skipped " + configuration + ": " + overrun.get());
                    continue;
                }
                Trial trial = trial(configuration, validation);
                log.accept("validation " + trial);
                trials.add(trial);
            }
        }
        // Ties go to the earlier trial: the cheaper family, or the first point of its grid.
        return new Outcome(first(trials, Comparator.comparingDouble(Trial::score)),
                first(trials, Comparator.comparingDouble(t -> t.related().ndcg())),
                first(trials, Comparator.comparingDouble(t -> t.personal().ndcg())),
                trials, skipped);
    }

    /**
     * The grid points whose estimate for all of {@code data} fits {@code memory}; when none does,
     * {@code skip} gets the reason of the cheapest.
     */
    static <C extends Configuration<?>> List<C> affordable(List<C> grid, Dataset data, MemoryBudget memory, Consumer<String> skip) {
        List<C> fitting = new ArrayList<>();
        String reason = null;
        long cheapest = Long.MAX_VALUE;
        for (C configuration : grid) {
            MemoryEstimate estimate = configuration.estimate(data.itemCount(), data.sequences());
            var shortfall = memory.shortfall(estimate);
            if (shortfall.isEmpty()) {
                fitting.add(configuration);
            } else if (estimate.heapBytes() + estimate.nativeBytes() < cheapest) {
                cheapest = estimate.heapBytes() + estimate.nativeBytes();
                reason = shortfall.get();
            }
        }
        if (fitting.isEmpty() && reason != null) {
            skip.accept(reason);
        }
        return fitting;
    }

    /**
     * Whether a family still deserves its next grid point: its best trial so far is within
     * {@link #CONTENDER_RATIO} of the best of any family on at least one task. Families clearly
     * behind stop early, so the budget goes to refining the ones that can win (successive halving,
     * with the first round giving every family one try).
     */
    static boolean contender(String family, List<Trial> trials) {
        double bestRelated = trials.stream().mapToDouble(t -> t.related().ndcg()).max().orElse(0);
        double bestPersonal = trials.stream().mapToDouble(t -> t.personal().ndcg()).max().orElse(0);
        return trials.stream().filter(t -> t.family().equals(family)).anyMatch(t ->
                t.related().ndcg() >= CONTENDER_RATIO * bestRelated || t.personal().ndcg() >= CONTENDER_RATIO * bestPersonal);
    }

    private static Trial first(List<Trial> trials, Comparator<Trial> order) {
        Trial best = trials.getFirst();
        for (Trial trial : trials) {
            if (order.compare(trial, best) > 0) {
                best = trial;
            }
        }
        return best;
    }

    /** Trains on the split's training data and measures both tasks on its cases. */
    public static Trial trial(Configuration<?> configuration, LeaveLastOut split) {
        long start = System.nanoTime();
        try (ItemScorer scorer = configuration.train(split.itemCount(), split.train())) {
            long trained = System.nanoTime();
            Metrics related = Evaluator.evaluate(scorer, split, Task.RELATED);
            Metrics personal = Evaluator.evaluate(scorer, split, Task.PERSONAL);
            log.info("{}: trained in {} ms, evaluated in {} ms", configuration, (trained - start) / 1_000_000,
                    (System.nanoTime() - trained) / 1_000_000);
            return new Trial(configuration, related, personal, (System.nanoTime() - start) / 1_000_000);
        }
    }
}
