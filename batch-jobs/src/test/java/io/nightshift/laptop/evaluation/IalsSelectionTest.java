package io.nightshift.laptop.evaluation;

import io.nightshift.laptop.models.Dataset;
import io.nightshift.laptop.models.Families;
import io.nightshift.laptop.models.Ials;
import io.nightshift.laptop.models.ItemKnn;
import io.nightshift.laptop.models.ModelFamily;
import io.nightshift.laptop.models.Popularity;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Implicit ALS in model selection, on data whose structure is low-rank and whose item pairs are too sparse for ItemKNN. */
class IalsSelectionTest {

    @Test
    @DisplayName("on sparse low-rank data selection tries implicit ALS and picks it for \"for you\" lists over ItemKNN and popularity")
    void picksIalsWhereItWins() {
        Dataset data = lowRank(60, 40, 1200, 6, 11);
        List<ModelFamily<?>> families = Families.all(new Families.Settings(Set.of(Popularity.NAME, ItemKnn.NAME, Ials.NAME), 20_000,
                new double[]{8}, 42L, 5));
        assertThat(families).extracting(ModelFamily::name).containsExactly(ItemKnn.NAME, Popularity.NAME, Ials.NAME);

        ModelSelection.Outcome outcome = ModelSelection.select(data, families, Duration.ofMinutes(5), line -> { });

        assertThat(outcome.trials()).extracting(ModelSelection.Trial::family).contains(Ials.NAME);
        assertThat(outcome.bestPersonal().family()).isEqualTo(Ials.NAME);
        ModelSelection.Trial itemKnn = outcome.trials().stream().filter(t -> t.family().equals(ItemKnn.NAME))
                .max(java.util.Comparator.comparingDouble(t -> t.personal().ndcg())).orElseThrow();
        assertThat(outcome.bestPersonal().personal().ndcg()).isGreaterThan(1.03 * itemKnn.personal().ndcg());
    }

    /**
     * {@code clusters x perCluster} items; each shopper browses {@code length} items of one cluster, a
     * cluster's items drawn by a power law (a few of them are most of its views).
     */
    static Dataset lowRank(int clusters, int perCluster, int shoppers, int length, long seed) {
        Random random = new Random(seed);
        double[] cumulative = new double[perCluster];
        double total = 0;
        for (int r = 0; r < perCluster; r++) {
            total += 1.0 / (r + 1);
            cumulative[r] = total;
        }
        Dataset.Builder builder = new Dataset.Builder();
        for (int u = 0; u < shoppers; u++) {
            int cluster = random.nextInt(clusters);
            for (int t = 0; t < length; t++) {
                double x = random.nextDouble() * total;
                int rank = 0;
                while (cumulative[rank] < x) {
                    rank++;
                }
                builder.add("u" + u, "p" + (cluster * perCluster + rank));
            }
        }
        return builder.build();
    }
}
