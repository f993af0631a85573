package io.nightshift.laptop.evaluation;

import io.nightshift.laptop.models.Configuration;
import io.nightshift.laptop.models.Dataset;
import io.nightshift.laptop.models.Hyperparameters;
import io.nightshift.laptop.models.ItemScorer;
import io.nightshift.laptop.models.ModelFamily;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Picks a family and its parameters by validation NDCG@10 on the split carved from the training
 * data, so the test items stay unseen: one winner per task (product pages and "for you" lists
 * may be served by different models) and one by the mean of both. Every family's first
 * parameter set is tried before any second one, later points only for families still in
 * contention, and no new trial starts once the time budget is spent.
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
     */
    public record Outcome(Trial best, Trial bestRelated, Trial bestPersonal, List<Trial> trials) {
    }

    public static Outcome select(Dataset data, List<ModelFamily<?>> families, Duration budget, Consumer<String> log) {
        return select(data, families, budget, Integer.MAX_VALUE, log);
    }

    /**
     * @param maxCases at most this many validation users are scored (an even, deterministic sample):
     *                 full-catalog ranking costs O(users x items), and a few thousand users already tell families apart
     */
    public static Outcome select(Dataset data, List<ModelFamily<?>> families, Duration budget, int maxCases, Consumer<String> log) {
        LeaveLastOut validation = LeaveLastOut.validation(data).sample(maxCases);
        List<ModelFamily<?>> usable = families.stream().filter(f -> f.fits(data.itemCount())).toList();
        if (usable.isEmpty()) {
            throw new IllegalStateException("no model family fits " + data.itemCount() + " items");
        }
        List<List<? extends Configuration<?>>> grids = usable.stream()
                .<List<? extends Configuration<?>>>map(f -> Configuration.grid(f, data.itemCount(), validation.train())).toList();
        long deadline = System.nanoTime() + budget.toNanos();
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
                Trial trial = trial(grids.get(f).get(round), validation);
                log.accept("validation " + trial);
                trials.add(trial);
            }
        }
        // Ties go to the earlier trial: the cheaper family, or the first point of its grid.
        return new Outcome(first(trials, Comparator.comparingDouble(Trial::score)),
                first(trials, Comparator.comparingDouble(t -> t.related().ndcg())),
                first(trials, Comparator.comparingDouble(t -> t.personal().ndcg())),
                List.copyOf(trials));
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
