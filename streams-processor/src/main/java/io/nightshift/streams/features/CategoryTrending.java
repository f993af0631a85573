package io.nightshift.streams.features;

import io.nightshift.featurestore.CatalogCache;
import io.nightshift.featurestore.ScoreWrite;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.event.InteractionWeight;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps each product's trending score in its category's sorted set, from the deduplicated
 * interactions re-keyed by product (so one task holds all of a product's events).
 *
 * <p>The sums live in {@value EventFeatures#TRENDS} and the processor writes the product's whole
 * score, never a difference: like {@link ProductPopularity}, a record processed again after a
 * crash (the state rolled back with the Kafka transaction, the Redis write did not) writes the
 * same value again. A whole score also recreates a category's sorted set that expired
 * ({@code RedisKeys.TRENDING_TTL} without writes). A product that moved to another category is
 * removed from the old one, which the state remembers.
 */
final class CategoryTrending implements Processor<String, byte[], Void, Void> {

    private static final Duration CATEGORIZE_EVERY = Duration.ofSeconds(1);

    private final CatalogCache catalog;
    private final DecaySettings decay;

    private KeyValueStore<String, String> trends;
    private KeyValueStore<String, String> uncategorized;
    private PendingScores pending;
    /**
     * The products' categories as read from the catalog projection since the last commit: a
     * product met again before the commit is not read again. Forgotten at every commit, so a
     * category change is seen by the next commit's records, as the catalog's own task (separate,
     * in no fixed order with this one) allows anyway.
     */
    private final Map<String, Optional<String>> categories = new HashMap<>();

    CategoryTrending(CatalogCache catalog, DecaySettings decay) {
        this.catalog = catalog;
        this.decay = decay;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        trends = context.getStateStore(EventFeatures.TRENDS);
        uncategorized = context.getStateStore(EventFeatures.UNCATEGORIZED);
        pending = context.getStateStore(EventFeatures.PENDING_SCORES);
        pending.whenFlushed(categories::clear);
        context.schedule(CATEGORIZE_EVERY, PunctuationType.WALL_CLOCK_TIME, at -> categorizeWaiting());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        Interaction interaction = Interaction.decode(record.value());
        String productId = record.key();
        if (!InteractionWeight.isCountable(interaction.weight())) {
            // Trending works on logarithms: only positive finite weights (InteractionWeight never gives others).
            UnusableScores.report("trending", productId, "unusable-weight", interaction.weight());
            return;
        }
        TrendScore trend = stored(productId)
                .add(decay.logRecent(interaction.weight(), interaction.occurredAt()),
                        decay.logBaseline(interaction.weight(), interaction.occurredAt()));
        // The category comes from the catalog projection; a product the catalog has not announced
        // yet accumulates its sums and enters trending with its next interaction once it has one.
        Optional<String> category = categoryOf(productId);
        if (category.isEmpty()) {
            trends.put(productId, trend.encode());
            uncategorized.put(productId, "");
            return;
        }
        trends.put(productId, write(productId, trend, category.get()).encode());
    }

    /**
     * Products met before their catalog record (the catalog and the events are separate tasks,
     * processed in no fixed order, notably during a replay) enter trending as soon as the catalog
     * projection knows their category: without this a replay could leave out a product whose
     * last interaction came first.
     */
    private void categorizeWaiting() {
        List<String> placed = new ArrayList<>();
        try (KeyValueIterator<String, String> waiting = uncategorized.all()) {
            while (waiting.hasNext()) {
                String productId = waiting.next().key;
                Optional<String> category = categoryOf(productId);
                if (category.isPresent()) {
                    trends.put(productId, write(productId, stored(productId), category.get()).encode());
                    placed.add(productId);
                }
            }
        }
        placed.forEach(uncategorized::delete);
    }

    /** The product's trend from state; sums that are no usable number (old state, a bug) are reported and reset. */
    private TrendScore stored(String productId) {
        TrendScore trend = TrendScore.decode(trends.get(productId));
        if (trend.usable()) {
            return trend;
        }
        UnusableScores.report("trending", productId, "unusable-state", trend.logRecent());
        return trend.reset();
    }

    private Optional<String> categoryOf(String productId) {
        Optional<String> known = categories.get(productId);
        if (known != null) {
            return known;
        }
        Optional<String> category = catalog.product(productId).map(Product::category).filter(c -> !c.isBlank());
        categories.put(productId, category);
        return category;
    }

    /** Writes the whole score where it belongs now; the state records where that is, for the next move. */
    private TrendScore write(String productId, TrendScore trend, String category) {
        double score = trend.score(decay.trendingLift());
        if (!UnusableScores.writable("trending", productId, score)) {
            return trend;
        }
        // Sent with the task's commit (PendingScores), before its offsets and this state are committed.
        if (trend.category() != null && !trend.category().equals(category)) {
            pending.add(ScoreWrite.notTrending(trend.category(), productId));
        }
        pending.add(ScoreWrite.trending(category, productId, score));
        return trend.in(category);
    }
}
