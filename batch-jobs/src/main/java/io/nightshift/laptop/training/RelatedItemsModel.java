package io.nightshift.laptop.training;

import io.nightshift.schemas.result.ScoredItem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A trained model: for each product its most similar available products, and the shop's most
 * popular available products to fill short lists with. A factor model (a catalog above the dense
 * limit) carries no neighbour lists: it refers to its embeddings in the data folder instead
 * ({@link EmbeddingFiles}), and scoreCatalog computes the lists from them.
 *
 * @param version    the model version id, e.g. {@code v20261124031500-cooccurrence}
 * @param family     the algorithm, e.g. {@code cooccurrence}
 * @param trainedAt  when training finished
 * @param parameters the hyper-parameters used, as the lineage records them: the families' typed records
 *                   ({@link io.nightshift.laptop.models.Hyperparameters#asLineage}) are written so at training
 *                   and read back only by {@link Candidates}, so stored models and the published lineage keep
 *                   one string form
 * @param dataRange  the training data as topic offsets
 * @param neighbours per product, its neighbours best first (never itself)
 * @param popular    available products by popularity, best first
 * @param metrics    offline evaluation (validation and test split), as the lineage carries them
 * @param embeddings the factor model's embeddings ({@link EmbeddingFiles#load}), null for a model with neighbour lists
 */
public record RelatedItemsModel(
        String version,
        String family,
        Instant trainedAt,
        Map<String, String> parameters,
        String dataRange,
        Map<String, List<ScoredItem>> neighbours,
        List<ScoredItem> popular,
        Map<String, Double> metrics,
        String embeddings) {

    public RelatedItemsModel {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        parameters = Map.copyOf(parameters);
        neighbours = Map.copyOf(neighbours);
        popular = List.copyOf(popular);
    }

    /** A model with neighbour lists. */
    public RelatedItemsModel(String version, String family, Instant trainedAt, Map<String, String> parameters, String dataRange,
                             Map<String, List<ScoredItem>> neighbours, List<ScoredItem> popular, Map<String, Double> metrics) {
        this(version, family, trainedAt, parameters, dataRange, neighbours, popular, metrics, null);
    }

    /** Whether the lists come from embeddings (scored on demand) rather than from {@link #neighbours}. */
    public boolean hasEmbeddings() {
        return embeddings != null;
    }

    /** The same model with notes added to its parameters (e.g. {@code skipped.ease}: why a family was not trained). */
    public RelatedItemsModel withNotes(Map<String, String> notes) {
        if (notes.isEmpty()) {
            return this;
        }
        Map<String, String> all = new java.util.TreeMap<>(parameters);
        all.putAll(notes);
        return new RelatedItemsModel(version, family, trainedAt, all, dataRange, neighbours, popular, metrics, embeddings);
    }

    /** The same model with more metrics (the evaluation step adds the test split's). */
    public RelatedItemsModel withMetrics(Map<String, Double> more) {
        Map<String, Double> all = new java.util.TreeMap<>(metrics);
        all.putAll(more);
        return new RelatedItemsModel(version, family, trainedAt, parameters, dataRange, neighbours, popular, all, embeddings);
    }

    /**
     * Up to {@code size} products related to {@code productId}, best first and never the product
     * itself: its neighbours, then popular products when it has too few (new or rarely seen
     * products). Fill-ins score below every neighbour, so the order survives a sort by score.
     */
    public List<ScoredItem> relatedTo(String productId, int size) {
        return relatedTo(productId, size, neighbours.getOrDefault(productId, List.of()));
    }

    /** As {@link #relatedTo(String, int)}, with the product's neighbours computed elsewhere (from embeddings). */
    public List<ScoredItem> relatedTo(String productId, int size, List<ScoredItem> productNeighbours) {
        List<ScoredItem> list = new ArrayList<>(size);
        Set<String> taken = new HashSet<>();
        taken.add(productId);
        for (ScoredItem neighbour : productNeighbours) {
            if (list.size() == size) {
                return list;
            }
            if (taken.add(neighbour.productId())) {
                list.add(neighbour);
            }
        }
        double floor = list.isEmpty() ? 1.0 : list.getLast().score();
        for (ScoredItem candidate : popular) {
            if (list.size() == size) {
                break;
            }
            if (taken.add(candidate.productId())) {
                double score = floor * (size - list.size()) / (size + 1.0);
                list.add(new ScoredItem(candidate.productId(), score));
            }
        }
        return list;
    }
}
