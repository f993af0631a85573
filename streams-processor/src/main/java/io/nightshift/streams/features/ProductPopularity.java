package io.nightshift.streams.features;

import io.nightshift.featurestore.ScoreWrite;
import io.nightshift.schemas.event.InteractionWeight;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each product's popularity ({@link Popularity}, the log of the sum of its interactions'
 * decayed weights, see {@link DecaySettings}) in {@value EventFeatures#POPULARITY} and writes the
 * whole log-score to Redis, never an increment.
 *
 * <p>Why whole: Redis is not part of the Kafka transaction. If the process dies after the Redis
 * write but before the commit, the state store (changelogged, so inside exactly-once) rolls back
 * with the offsets and the same records are processed again. Each one then computes the same sum
 * from the same state and writes the same value again, where an increment would have counted twice.
 *
 * <p>Why a logarithm: the plain sum grows by a factor 2 per half-life and overflowed to ∞ for
 * far-future events; the log grows by ln 2 per half-life and orders the set the same way.
 */
final class ProductPopularity implements Processor<String, byte[], Void, Void> {

    private final DecaySettings decay;
    private KeyValueStore<String, byte[]> scores;
    private PendingScores pending;

    ProductPopularity(DecaySettings decay) {
        this.decay = decay;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        scores = context.getStateStore(EventFeatures.POPULARITY);
        pending = context.getStateStore(EventFeatures.PENDING_SCORES);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String productId = record.key();
        Interaction interaction = Interaction.decode(record.value());
        if (!InteractionWeight.isCountable(interaction.weight())) {
            UnusableScores.report("popular", productId, "unusable-weight", interaction.weight());
            return;
        }
        Popularity popularity = Popularity.decode(productId, scores.get(productId))
                .plus(decay.logPopular(interaction.weight(), interaction.occurredAt()));
        if (!UnusableScores.writable("popular", productId, popularity.logSum())) {
            return;
        }
        scores.put(productId, popularity.encode());
        // Sent with the task's commit (PendingScores), before its offsets and this state are committed.
        pending.add(ScoreWrite.popular(productId, popularity.logSum()));
    }
}
