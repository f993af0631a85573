package io.nightshift.laptop.models;

import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The model families the laptop knows, by name. */
public final class Families {

    private Families() {
    }

    /**
     * @param enabled        family names selection may pick from
     * @param maxDenseItems  the largest catalog for which the item-item families may build a dense matrix
     * @param easeLambdas    EASE's λ grid, as multiples of the mean item popularity
     * @param seed           seed of every random choice (initial weights, shuffles, dropout)
     * @param epochs         passes of the gradient-descent family, and alternations of implicit ALS
     * @param bpr            the BPR factor model's parameters, the only point of its grid
     * @param bprBudget      no new BPR epoch starts after this much training time
     */
    public record Settings(Set<String> enabled, int maxDenseItems, double[] easeLambdas, long seed, int epochs,
                           BprFactors.Parameters bpr, Duration bprBudget) {

        /** With the BPR factor model's default parameters. */
        public Settings(Set<String> enabled, int maxDenseItems, double[] easeLambdas, long seed, int epochs) {
            this(enabled, maxDenseItems, easeLambdas, seed, epochs, BprFactors.DEFAULTS, BprFactors.DEFAULT_BUDGET);
        }

        public static Settings defaults() {
            return new Settings(Set.of(Popularity.NAME, ItemKnn.NAME, SequentialKnn.NAME, Blend.NAME, Ease.NAME, LowRankSoftmax.NAME,
                    Ials.NAME, BprFactors.NAME), 20_000, new double[]{8, 32}, 42L, 10);
        }
    }

    /**
     * Every family, in the order selection tries them when the time budget is short: cheap and
     * usually strong first (popularity blended with ItemKNN's sparse rows after both), then implicit ALS (seconds per
     * trial, strong on dense rating data), the cubic EASE inverse, the gradient-descent families, which are minutes per
     * trial on a CPU (seconds on the laptop's GPU), and last the BPR factor model, which above the dense limit is
     * otherwise trained without measuring it.
     */
    private static List<ModelFamily<?>> known(Settings settings) {
        return List.of(new SequentialKnn(settings.maxDenseItems()), new ItemKnn(settings.maxDenseItems()), new Popularity(), new Blend(),
                new Ials(settings.seed(), settings.epochs()),
                new Ease(settings.easeLambdas(), settings.maxDenseItems()),
                new LowRankSoftmax(settings.seed(), settings.epochs(), settings.maxDenseItems()),
                new BprFactors(settings.seed(), settings.bpr(), settings.bprBudget(), Ials.COLUMN_BLOCK,
                        LoggerFactory.getLogger(BprFactors.class)::info),
                new SasRec(settings.seed()));
    }

    public static List<ModelFamily<?>> all(Settings settings) {
        List<ModelFamily<?>> enabled = new ArrayList<>();
        for (ModelFamily<?> family : known(settings)) {
            if (settings.enabled().contains(family.name().toLowerCase(Locale.ROOT))) {
                enabled.add(family);
            }
        }
        return enabled;
    }

    public static java.util.Optional<ModelFamily<?>> byName(String name, Settings settings) {
        return known(settings).stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
