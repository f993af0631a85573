package io.nightshift.laptop.scoring;

import io.nightshift.laptop.training.EmbeddedCatalog;
import io.nightshift.laptop.training.RelatedItemsModel;
import io.nightshift.schemas.result.ScoredItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A chunk of products' related lists from the run's model: copied out of its neighbour lists, or,
 * for a factor model, computed as one block (the chunk's embedding rows times all rows, in column
 * blocks, a streaming top-K) and filled with popular products like any short list. Not a
 * record: step-scoped beans are proxied by subclassing.
 */
class ChunkScorer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChunkScorer.class);

    private final RelatedItemsModel model;
    private final EmbeddedCatalog embeddings;
    private final int size;

    /** @param embeddings the factor model's embeddings (owned: closed with this), null for a model with neighbour lists */
    ChunkScorer(RelatedItemsModel model, EmbeddedCatalog embeddings, int size) {
        this.model = model;
        this.embeddings = embeddings;
        this.size = size;
    }

    List<ScoredList> score(List<String> productIds) {
        Map<String, List<ScoredItem>> computed = embeddings == null ? Map.of() : embeddings.neighbours(productIds, size);
        List<ScoredList> lists = new ArrayList<>(productIds.size());
        for (String product : productIds) {
            List<ScoredItem> items = embeddings == null ? model.relatedTo(product, size)
                    : model.relatedTo(product, size, computed.getOrDefault(product, List.of()));
            lists.add(new ScoredList(product, items));
        }
        return lists;
    }

    /** Called when the step ends (a step-scoped bean's destruction): the embeddings' native memory goes with it. */
    @Override
    public void close() {
        if (embeddings != null) {
            embeddings.close();
            log.info("released the embeddings of {}", model.version());
        }
    }
}
