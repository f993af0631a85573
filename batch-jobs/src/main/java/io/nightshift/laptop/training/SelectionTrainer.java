package io.nightshift.laptop.training;

import io.nightshift.laptop.evaluation.LeaveLastOut;
import io.nightshift.laptop.evaluation.ModelSelection;
import io.nightshift.laptop.models.BlockNeighbours;
import io.nightshift.laptop.models.Dataset;
import io.nightshift.laptop.models.DenseScorer;
import io.nightshift.laptop.models.Embeddings;
import io.nightshift.laptop.models.ItemScorer;
import io.nightshift.laptop.models.MemoryBudget;
import io.nightshift.laptop.models.ModelFamily;
import io.nightshift.laptop.models.Popularity;
import io.nightshift.laptop.models.NeighbourRows;
import io.nightshift.laptop.models.SparseScorer;
import io.nightshift.schemas.result.ScoredItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * With enough history for a validation split and a catalog some enabled family takes: the
 * family and its parameters are chosen by validation NDCG@10 (each test user's second-to-last
 * item, never the test items), one winner for product pages and one for "for you" lists, and the
 * product pages' winner is trained again on all the data. Its neighbour lists are the model; the
 * "for you" winner is recorded in the parameters and trained again by scoreShoppers.
 *
 * <p>Families whose memory estimate does not fit are skipped, and a winner that cannot be trained
 * on all the data gives way to the next best that can; the version's lineage says why
 * ({@code skipped.<family>}, {@code skipped.final.<family>}). When no family that makes neighbour
 * lists fits, there is no selected model: the run takes the fallback factor model.
 */
final class SelectionTrainer implements ModelTrainer {

    private static final Logger log = LoggerFactory.getLogger(SelectionTrainer.class);
    private static final int TOPK_BLOCK = DenseScorer.TOP_K_ROWS;
    /** Products per block of embedding rows scored against the catalog (256 x a 100 k column block: 100 MB of scores). */
    private static final int EMBEDDING_BLOCK = 256;

    private final Candidates candidates;
    private final Duration budget;
    private final int maxValidationUsers;
    private final int neighbours;

    /** @param neighbours neighbours kept per product (at least a list's length) */
    SelectionTrainer(Candidates candidates, Duration budget, int maxValidationUsers, int neighbours) {
        this.candidates = candidates;
        this.budget = budget;
        this.maxValidationUsers = maxValidationUsers;
        this.neighbours = neighbours;
    }

    /**
     * Whether the data allows a selection: a validation split. The item-item families take any
     * catalog as sparse rows; what does not fit the memory is skipped family by family.
     */
    boolean applies(Dataset data) {
        return !LeaveLastOut.validation(data).cases().isEmpty();
    }

    @Override
    public RelatedItemsModel train(TrainingInput input) {
        Map<String, String> skipped = new TreeMap<>();
        return train(input, skipped).orElseThrow(() -> new IllegalStateException("no model family fits the memory: " + skipped));
    }

    /**
     * @param skipped receives {@code skipped.<family>} notes: why a family was not trained
     * @return the selected model (its parameters carry the notes); empty when every enabled family
     * that makes neighbour lists was skipped for memory
     */
    Optional<RelatedItemsModel> train(TrainingInput input, Map<String, String> skipped) {
        Dataset data = input.data();
        List<ModelFamily<?>> enabled = candidates.enabled();
        ModelSelection.Outcome outcome = ModelSelection.select(data, enabled, budget, maxValidationUsers, candidates.memory(), log::info);
        outcome.skipped().forEach((family, reason) -> skipped.put(PersonalConfiguration.SKIPPED + family, reason));
        List<String> withLists = enabled.stream().map(ModelFamily::name).filter(name -> !name.equals(Popularity.NAME)).toList();
        if (outcome.trials().isEmpty() || (!withLists.isEmpty() && outcome.skipped().keySet().containsAll(withLists))) {
            log.warn("no family that makes neighbour lists fits the memory ({}): taking the fallback factor model", skipped);
            return Optional.empty();
        }
        // What is free now, for the training on all the data and for scoreShoppers's "for you" model.
        MemoryBudget memory = candidates.memory();
        Optional<ModelSelection.Trial> fittingRelated = bestFitting(outcome, t -> t.related().ndcg(), data, memory, skipped);
        Optional<ModelSelection.Trial> fittingPersonal = bestFitting(outcome, t -> t.personal().ndcg(), data, memory, skipped);
        if (fittingRelated.isEmpty() || fittingPersonal.isEmpty()) {
            return Optional.empty();
        }
        ModelSelection.Trial related = fittingRelated.get();
        ModelSelection.Trial personal = fittingPersonal.get();
        String version = input.versionFor().apply(related.family());
        Map<String, Double> metrics = new TreeMap<>(related.asMetrics("validation."));
        personal.asMetrics("validation.").forEach((name, value) -> {
            if (name.startsWith("validation.personal.")) {
                metrics.put(name, value);
            }
        });
        metrics.put("validation.trials", (double) outcome.trials().size());
        Map<String, List<ScoredItem>> lists;
        try (ItemScorer scorer = related.configuration().train(data.itemCount(), data.sequences())) {
            lists = switch (scorer) {
                case DenseScorer dense -> neighbours(dense, data, input.available());
                case NeighbourRows rows -> neighbours(rows, data, input.available());
                case BlockNeighbours factors -> neighbours(factors, data, input.available());
                default -> Map.of();
            };
        }
        log.info("selected {} for product pages and {} for \"for you\" lists from {} trials (validation NDCG@10 {} / {})",
                related.configuration(), personal.configuration(), outcome.trials().size(),
                related.related().ndcg(), personal.personal().ndcg());
        return Optional.of(new RelatedItemsModel(version, related.family(), input.trainedAt(),
                PersonalConfiguration.merge(related.configuration(), personal.configuration()), input.dataRange(), lists,
                input.popular(), metrics).withNotes(skipped));
    }

    /**
     * The best trial by {@code metric} (ties to the earlier) whose configuration fits {@code memory}
     * trained on all the data; each better one that does not fit leaves a {@code skipped.final.<family>} note.
     */
    private static Optional<ModelSelection.Trial> bestFitting(ModelSelection.Outcome outcome, ToDoubleFunction<ModelSelection.Trial> metric,
                                                              Dataset data, MemoryBudget memory, Map<String, String> skipped) {
        List<ModelSelection.Trial> ranked = outcome.trials().stream()
                .sorted(Comparator.comparingDouble(metric).reversed()).toList();
        for (ModelSelection.Trial trial : ranked) {
            Optional<String> shortfall = memory.shortfall(trial.configuration().estimate(data.itemCount(), data.sequences()));
            if (shortfall.isEmpty()) {
                return Optional.of(trial);
            }
            log.warn("{} won on validation but cannot be trained on all the data: {}", trial.configuration(), shortfall.get());
            skipped.put(PersonalConfiguration.SKIPPED + "final." + trial.family(), shortfall.get());
        }
        return Optional.empty();
    }

    /** Each product's best available neighbours: the top of its row, read one product at a time. */
    private Map<String, List<ScoredItem>> neighbours(NeighbourRows scorer, Dataset data, Set<String> available) {
        int n = data.itemCount();
        boolean[] allowed = new boolean[n];
        for (int i = 0; i < n; i++) {
            allowed[i] = available.contains(data.items().get(i));
        }
        Map<String, List<ScoredItem>> lists = new HashMap<>();
        for (int item = 0; item < n; item++) {
            if (!allowed[item]) {
                continue;
            }
            SparseScorer.Top top = scorer.top(item, neighbours, allowed);
            List<ScoredItem> list = new ArrayList<>(top.items().length);
            for (int c = 0; c < top.items().length; c++) {
                list.add(new ScoredItem(data.items().get(top.items()[c]), top.scores()[c]));
            }
            if (!list.isEmpty()) {
                lists.put(data.items().get(item), list);
            }
        }
        return lists;
    }

    /**
     * Each product's best available neighbours from item embeddings (implicit ALS, BPR): a block of
     * products' rows against the whole catalog, so memory is one block whatever the catalog.
     */
    private Map<String, List<ScoredItem>> neighbours(BlockNeighbours scorer, Dataset data, Set<String> available) {
        int n = data.itemCount();
        boolean[] allowed = new boolean[n];
        int[] products = java.util.stream.IntStream.range(0, n).filter(i -> available.contains(data.items().get(i))).toArray();
        for (int item : products) {
            allowed[item] = true;
        }
        Map<String, List<ScoredItem>> lists = new HashMap<>();
        for (int from = 0; from < products.length; from += EMBEDDING_BLOCK) {
            int[] block = java.util.Arrays.copyOfRange(products, from, Math.min(products.length, from + EMBEDDING_BLOCK));
            Embeddings.Top top = scorer.neighbours(block, neighbours, allowed);
            for (int row = 0; row < block.length; row++) {
                List<ScoredItem> list = new ArrayList<>(neighbours);
                for (int c = 0; c < neighbours && top.index(row, c) >= 0; c++) {
                    // Only positive similarity is evidence: the popular fill ranks below every neighbour.
                    if (top.value(row, c) > 0) {
                        list.add(new ScoredItem(data.items().get(top.index(row, c)), top.value(row, c)));
                    }
                }
                if (!list.isEmpty()) {
                    lists.put(data.items().get(block[row]), list);
                }
            }
        }
        return lists;
    }

    /** Each product's best available neighbours: blocked rows of the item-item matrix, top-K on the NDArray. */
    private Map<String, List<ScoredItem>> neighbours(DenseScorer scorer, Dataset data, Set<String> available) {
        int n = data.itemCount();
        float[] penalty = new float[n];
        for (int i = 0; i < n; i++) {
            penalty[i] = available.contains(data.items().get(i)) ? 0f : Float.NEGATIVE_INFINITY;
        }
        Map<String, List<ScoredItem>> lists = new HashMap<>();
        for (int from = 0; from < n; from += TOPK_BLOCK) {
            int to = Math.min(n, from + TOPK_BLOCK);
            Object[] top = scorer.topK(from, to, neighbours, penalty);
            long[] indices = (long[]) top[0];
            float[] values = (float[]) top[1];
            int k = indices.length / (to - from);
            for (int row = 0; row < to - from; row++) {
                String product = data.items().get(from + row);
                if (!available.contains(product)) {
                    continue;
                }
                List<ScoredItem> list = new ArrayList<>(k);
                for (int c = 0; c < k; c++) {
                    float value = values[row * k + c];
                    // Only positive evidence: fill-ins from the popular list rank below every neighbour.
                    if (value > 0 && Float.isFinite(value)) {
                        list.add(new ScoredItem(data.items().get((int) indices[row * k + c]), value));
                    }
                }
                if (!list.isEmpty()) {
                    lists.put(product, list);
                }
            }
        }
        return lists;
    }
}
