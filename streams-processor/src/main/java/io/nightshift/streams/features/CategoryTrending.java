package io.nightshift.streams.features;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.redis.RedisKeys;
import io.nightshift.schemas.result.ScoredItem;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps each product's trending score in its category's sorted set, from the deduplicated
 * interactions re-keyed by product (so one task holds all of a product's events).
 *
 * <p>The feature store only offers increments, so the processor writes the difference between
 * the new score and the one it wrote last (kept in {@value EventFeatures#TRENDS}). Two cases
 * where Redis may not hold what was written: the category's sorted set expired
 * ({@link RedisKeys#TRENDING_TTL} without writes), or the product moved to another category. A
 * product not written for half the TTL reads its actual score back before writing; a move
 * removes it from the old category. A crash between the Redis write and the Kafka commit applies
 * one difference twice; a replay rebuilds exact scores.
 */
final class CategoryTrending implements Processor<String, byte[], Void, Void> {

    private static final long STALE_AFTER_MS = RedisKeys.TRENDING_TTL.toMillis() / 2;

    private final FeatureStore store;
    private final DecaySettings decay;
    private static final Duration CATEGORIZE_EVERY = Duration.ofSeconds(1);

    private KeyValueStore<String, String> trends;
    private KeyValueStore<String, String> uncategorized;
    private ProcessorContext<Void, Void> context;

    CategoryTrending(FeatureStore store, DecaySettings decay) {
        this.store = store;
        this.decay = decay;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        trends = context.getStateStore(EventFeatures.TRENDS);
        uncategorized = context.getStateStore(EventFeatures.UNCATEGORIZED);
        context.schedule(CATEGORIZE_EVERY, PunctuationType.WALL_CLOCK_TIME, at -> categorizeWaiting());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String productId = record.key();
        Interaction interaction = Interaction.decode(record.value());
        TrendScore trend = TrendScore.decode(trends.get(productId))
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
                    trends.put(productId, write(productId, TrendScore.decode(trends.get(productId)), category.get()).encode());
                    placed.add(productId);
                }
            }
        }
        placed.forEach(uncategorized::delete);
    }

    private Optional<String> categoryOf(String productId) {
        return store.product(productId).map(Product::category).filter(c -> !c.isBlank());
    }

    private TrendScore write(String productId, TrendScore trend, String category) {
        long now = context.currentSystemTimeMs();
        double score = trend.score(decay.trendingLift());
        if (trend.category() != null && !trend.category().equals(category)) {
            store.incrementTrending(trend.category(), productId, -inRedis(trend, productId, trend.category(), now));
        }
        double current = category.equals(trend.category()) ? inRedis(trend, productId, category, now) : 0;
        store.incrementTrending(category, productId, score - current);
        return trend.written(score, category, now);
    }

    /** What the sorted set holds for the product: the last write, unless the set may have expired since. */
    private double inRedis(TrendScore trend, String productId, String category, long now) {
        if (now - trend.writtenAt() < STALE_AFTER_MS) {
            return trend.written();
        }
        return store.trending(category, Integer.MAX_VALUE).stream()
                .filter(item -> item.productId().equals(productId))
                .mapToDouble(ScoredItem::score)
                .findFirst()
                .orElse(0);
    }

    /** What {@link InteractionFeatures} forwards: a deduplicated interaction's weight and time. */
    record Interaction(double weight, Instant occurredAt) {

        byte[] encode() {
            return (weight + ";" + occurredAt.toEpochMilli()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        static Interaction decode(byte[] bytes) {
            String[] parts = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).split(";", 2);
            return new Interaction(Double.parseDouble(parts[0]), Instant.ofEpochMilli(Long.parseLong(parts[1])));
        }
    }
}
