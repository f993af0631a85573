package io.nightshift.cli.referee;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;

/**
 * Tuned iALS, as the protocol asks of every tuned model: parameters chosen on the validation
 * split ({@link Split#validation()}: each test user's second-to-last item, the test items not
 * even in its training data), per task, then refitted on the whole training data.
 *
 * <p>A coordinate search, so that Amazon Beauty's tuning stays within minutes on 2 cores: the
 * regularisation at {@value #FACTORS} factors and {@code alpha = 10}; then alpha at the best
 * regularisation (each a walk along a ladder, {@link Grid}); then {@value #MORE_FACTORS} factors
 * at the best of both. Each trial's fit is
 * measured on both tasks, the related one both ways ({@link Ials.Related}: a second ranking of
 * the same factors, no refit), and each task keeps its own best trial. Validation uses at most
 * {@value #VALIDATION_USERS} validation users, enough to separate the grid's
 * points, spread over all of them ({@link Split#spreadTestUsers(int)}); the final numbers are
 * always on every test user. Points of one stage are fitted side by side.
 */
public final class IalsTuning {

    static final int FACTORS = 64;
    static final int MORE_FACTORS = 128;
    static final int VALIDATION_USERS = 5_000;

    /**
     * The points searched: each of regularisation and alpha is a log-spaced ladder walked from a
     * first value toward better validation numbers ({@link #walk}), so a dataset whose optimum
     * lies far from the usual values (Groceries' 167 products want strong regularisation) still
     * gets there, and one near them costs few fits.
     *
     * @param factors        the factors while regularisation and alpha are walked
     * @param moreFactors    the factors tried last, at the best of both
     */
    record Grid(int factors, int moreFactors, List<Double> regularisation, double firstReg, List<Double> alphas, double firstAlpha,
                int iterations) {
    }

    static final Grid GRID = new Grid(FACTORS, MORE_FACTORS, List.of(0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3), 0.001,
            List.of(1.0, 3.0, 10.0, 30.0, 100.0, 300.0), 10.0, 10);

    /**
     * One fitted point of the search, measured on the validation split.
     *
     * @param related       related-task NDCG@10, per ranking
     * @param personal      personal-task NDCG@10
     */
    public record Trial(Ials.Params params, Map<Ials.Related, Double> related, double personal) {

        Ials.Related bestRelated() {
            return related.get(Ials.Related.FOLD_IN) > related.get(Ials.Related.COSINE) ? Ials.Related.FOLD_IN : Ials.Related.COSINE;
        }

        double bestRelatedNdcg() {
            return related.get(bestRelated());
        }

        /** How the coordinate search compares points: both tasks count; the final choice is per task. */
        double both() {
            return bestRelatedNdcg() + personal;
        }
    }

    /**
     * The outcome: a model per task, refitted on the whole training data.
     *
     * @param trials every point tried, in the order tried
     */
    public record Tuned(Ials related, Ials personal, List<Trial> trials) {
    }

    private IalsTuning() {
    }

    public static Tuned tune(Split split) {
        return tune(split, GRID);
    }

    static Tuned tune(Split split, Grid grid) {
        Split validation = split.validation();
        Split measured = validation.spreadTestUsers(VALIDATION_USERS);
        List<Trial> trials = new ArrayList<>();
        Trial best = walk(grid.regularisation(), grid.firstReg(),
                reg -> new Ials.Params(grid.factors(), reg, grid.firstAlpha(), grid.iterations()), validation, measured, trials);
        double reg = best.params().reg();
        best = walk(grid.alphas(), grid.firstAlpha(), alpha -> new Ials.Params(grid.factors(), reg, alpha, grid.iterations()),
                validation, measured, trials);
        measure(validation, measured, List.of(new Ials.Params(grid.moreFactors(), best.params().reg(), best.params().alpha(),
                grid.iterations())), trials);

        Trial forRelated = best(trials, Trial::bestRelatedNdcg);
        Trial forPersonal = best(trials, Trial::personal);
        Ials related = Ials.fit(split, forRelated.params(), forRelated.bestRelated());
        Ials personal = forPersonal.params().equals(forRelated.params()) ? related : Ials.fit(split, forPersonal.params(), Ials.Related.COSINE);
        return new Tuned(related, personal, List.copyOf(trials));
    }

    /**
     * From {@code first}, measures both neighbours on the ladder; then keeps stepping the way the
     * better one lay while that improves both tasks together. Returns the best trial of the walk.
     */
    private static Trial walk(List<Double> ladder, double first, DoubleFunction<Ials.Params> point, Split validation, Split measured,
                              List<Trial> trials) {
        int at = ladder.indexOf(first);
        List<Ials.Params> start = new ArrayList<>();
        for (int n = Math.max(0, at - 1); n <= Math.min(ladder.size() - 1, at + 1); n++) {
            start.add(point.apply(ladder.get(n)));
        }
        measure(validation, measured, start, trials);
        Trial best = null;
        int bestAt = at;
        for (int n = Math.max(0, at - 1); n <= Math.min(ladder.size() - 1, at + 1); n++) {
            Trial trial = find(trials, point.apply(ladder.get(n)));
            if (best == null || trial.both() > best.both()) {
                best = trial;
                bestAt = n;
            }
        }
        int direction = Integer.compare(bestAt, at);
        for (int next = bestAt + direction; direction != 0 && next >= 0 && next < ladder.size(); next += direction) {
            Ials.Params params = point.apply(ladder.get(next));
            measure(validation, measured, List.of(params), trials);
            Trial candidate = find(trials, params);
            if (!(candidate.both() > best.both())) {
                break;
            }
            best = candidate;
        }
        return best;
    }

    private static Trial find(List<Trial> trials, Ials.Params params) {
        return trials.stream().filter(trial -> trial.params().equals(params)).findFirst().orElseThrow();
    }

    /**
     * Measures the points not tried yet, side by side (each fit and measurement is independent, so
     * the outcome does not depend on the threads), adds them to {@code trials}; returns all trials.
     */
    private static List<Trial> measure(Split validation, Split measured, List<Ials.Params> points, List<Trial> trials) {
        List<Ials.Params> tried = trials.stream().map(Trial::params).toList();
        trials.addAll(points.stream().distinct().filter(params -> !tried.contains(params)).toList().parallelStream()
                .map(params -> measure(validation, measured, params)).toList());
        return trials;
    }

    private static Trial measure(Split validation, Split measured, Ials.Params params) {
        Ials fitted = Ials.fit(validation, params, Ials.Related.COSINE);
        double cosine = Evaluation.evaluate(measured, fitted, Task.RELATED).ndcg();
        double foldIn = Evaluation.evaluate(measured, fitted.withRelated(Ials.Related.FOLD_IN), Task.RELATED).ndcg();
        double personal = Evaluation.evaluate(measured, fitted, Task.PERSONAL).ndcg();
        return new Trial(params, Map.of(Ials.Related.COSINE, cosine, Ials.Related.FOLD_IN, foldIn), personal);
    }

    private static Trial best(List<Trial> trials, ToDoubleFunction<Trial> metric) {
        // On equal metrics max keeps the first: the first tried, the smaller model.
        return trials.stream().max(Comparator.comparingDouble(metric)).orElseThrow();
    }
}
