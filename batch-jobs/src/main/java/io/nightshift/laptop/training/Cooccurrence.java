package io.nightshift.laptop.training;

import io.nightshift.laptop.sync.Interaction;
import io.nightshift.schemas.event.InteractionWeight;
import io.nightshift.schemas.result.ScoredItem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Item-item collaborative filtering (ItemKNN): cosine similarity between the products'
 * shopper vectors, shrunk towards zero for pairs few shoppers share:
 * {@code sim(i, j) = sum_u w_ui * w_uj / (|w_i| * |w_j| + shrinkage)}.
 *
 * <p>A shopper's weight for a product is the strongest signal they gave it, weighed by
 * {@link InteractionWeight#AFFINITY}, so repeated views cannot drown a purchase.
 * Deterministic: shoppers and products are visited in id order and ties break by product id,
 * so the same history always gives the same model, bit for bit.
 */
public final class Cooccurrence {

    public static final String FAMILY = "cooccurrence";

    private final CooccurrenceParameters parameters;

    Cooccurrence(CooccurrenceParameters parameters) {
        this.parameters = parameters;
    }

    /** Accumulates one shopper's history at a time; feed interactions grouped by shopper, oldest first. */
    final class Accumulator {
        private final Map<String, Double> norms = new TreeMap<>();
        private final Map<String, Map<String, Double>> cooccurrence = new HashMap<>();
        private final Map<String, Integer> shoppers = new HashMap<>();
        private String currentUser;
        private LinkedHashMap<String, Double> history = new LinkedHashMap<>();

        void add(Interaction interaction) {
            if (!interaction.userKey().equals(currentUser)) {
                flush();
                currentUser = interaction.userKey();
            }
            // A signal that does not count (2 stars or fewer) still weighs 0 here: it marks the product as
            // the shopper's latest, which decides what the history cap keeps.
            double weight = InteractionWeight.AFFINITY.of(interaction.type(), interaction.value()).orElse(0);
            Double previous = history.remove(interaction.productId());
            // Re-inserting keeps the history in order of last touch, so the cap keeps the most recent products.
            history.put(interaction.productId(), previous == null ? weight : Math.max(previous, weight));
        }

        private void flush() {
            if (history.isEmpty()) {
                return;
            }
            List<Map.Entry<String, Double>> recent = new ArrayList<>(history.entrySet());
            if (recent.size() > parameters.maxHistory()) {
                recent = recent.subList(recent.size() - parameters.maxHistory(), recent.size());
            }
            recent = recent.stream().filter(e -> e.getValue() > 0).sorted(Map.Entry.comparingByKey()).toList();
            for (int a = 0; a < recent.size(); a++) {
                String i = recent.get(a).getKey();
                double wi = recent.get(a).getValue();
                norms.merge(i, wi * wi, Double::sum);
                shoppers.merge(i, 1, Integer::sum);
                for (int b = a + 1; b < recent.size(); b++) {
                    String j = recent.get(b).getKey();
                    double product = wi * recent.get(b).getValue();
                    cooccurrence.computeIfAbsent(i, k -> new HashMap<>()).merge(j, product, Double::sum);
                    cooccurrence.computeIfAbsent(j, k -> new HashMap<>()).merge(i, product, Double::sum);
                }
            }
            history = new LinkedHashMap<>();
        }

        /**
         * Neighbours restricted to {@code candidates} (the available products: an unavailable
         * product is never recommended, though its history still links the others).
         */
        Result finish(Set<String> candidates, int popularSize) {
            flush();
            Map<String, List<ScoredItem>> neighbours = new TreeMap<>();
            for (Map.Entry<String, Map<String, Double>> row : new TreeMap<>(cooccurrence).entrySet()) {
                String i = row.getKey();
                double normI = Math.sqrt(norms.get(i));
                List<ScoredItem> similar = row.getValue().entrySet().stream()
                        .filter(e -> candidates.contains(e.getKey()) && !e.getKey().equals(i))
                        .map(e -> new ScoredItem(e.getKey(), e.getValue() / (normI * Math.sqrt(norms.get(e.getKey())) + parameters.shrinkage())))
                        .filter(item -> item.score() > 0)
                        .sorted(BEST_FIRST)
                        .limit(parameters.neighbours())
                        .toList();
                if (!similar.isEmpty()) {
                    neighbours.put(i, similar);
                }
            }
            int most = shoppers.values().stream().max(Integer::compare).orElse(1);
            List<ScoredItem> popular = candidates.stream()
                    .map(p -> new ScoredItem(p, shoppers.getOrDefault(p, 0) / (double) most))
                    .sorted(BEST_FIRST)
                    .limit(popularSize)
                    .toList();
            return new Result(neighbours, popular);
        }
    }

    record Result(Map<String, List<ScoredItem>> neighbours, List<ScoredItem> popular) {
    }

    static final Comparator<ScoredItem> BEST_FIRST =
            Comparator.comparingDouble(ScoredItem::score).reversed().thenComparing(ScoredItem::productId);

    Accumulator accumulator() {
        return new Accumulator();
    }
}
