package io.nightshift.laptop.training;

import io.nightshift.schemas.result.ScoredItem;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * The latest published model, in memory for the fresh-request worker. Loaded from the local
 * store at start, so a laptop that restarts answers with its last model straight away. A factor
 * model's embeddings are loaded with it (from the data folder), so a fresh list is one product
 * scored against them.
 */
@Component
public class CurrentModel {

    private static final Logger log = LoggerFactory.getLogger(CurrentModel.class);

    private final EmbeddingFiles embeddingFiles;
    private RelatedItemsModel model;
    private EmbeddedCatalog embeddings;

    CurrentModel(ModelStore store, EmbeddingFiles embeddingFiles) {
        this.embeddingFiles = embeddingFiles;
        store.latestPublished().ifPresent(latest -> {
            try {
                replace(latest);
                log.info("loaded model {} from the local store", latest.version());
            } catch (RuntimeException e) {
                // Fresh requests then get popular products until the next run publishes a model.
                log.warn("cannot load model {}: {}", latest.version(), e.getMessage());
            }
        });
    }

    public synchronized Optional<RelatedItemsModel> get() {
        return Optional.ofNullable(model);
    }

    /** Swaps the model in; the previous model's embeddings (native memory) are released. */
    public synchronized void replace(RelatedItemsModel latest) {
        EmbeddedCatalog loaded = latest.hasEmbeddings() ? embeddingFiles.load(latest.embeddings()) : null;
        if (embeddings != null) {
            embeddings.close();
        }
        model = latest;
        embeddings = loaded;
    }

    /**
     * Up to {@code size} products related to {@code productId} by the current model (see
     * {@link RelatedItemsModel#relatedTo}); empty while there is no model. Synchronized with
     * {@link #replace}, so the embeddings are never closed under a computation.
     */
    public synchronized Optional<List<ScoredItem>> relatedTo(String productId, int size) {
        if (model == null) {
            return Optional.empty();
        }
        if (embeddings == null) {
            return Optional.of(model.relatedTo(productId, size));
        }
        List<ScoredItem> neighbours = embeddings.neighbours(List.of(productId), size).getOrDefault(productId, List.of());
        return Optional.of(model.relatedTo(productId, size, neighbours));
    }

    @PreDestroy
    synchronized void close() {
        if (embeddings != null) {
            embeddings.close();
            embeddings = null;
        }
    }
}
