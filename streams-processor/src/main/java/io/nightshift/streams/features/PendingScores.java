package io.nightshift.streams.features;

import io.nightshift.featurestore.OnlineFeatures;
import io.nightshift.featurestore.ScoreWrite;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The popular and trending writes of one product-keyed task, held until the task commits and then
 * sent in one round trip ({@link OnlineFeatures#writeScores}) instead of one or two per record.
 *
 * <p>Why this is a state store with a cache: before every commit of a task's offsets and state
 * (its Kafka transaction) Kafka Streams flushes the caches of the task's stores, so
 * {@link #flushCache()} is the moment every write of the records about to be committed reaches
 * Redis, as each did before on its own. (A store's plain {@link #flush()} only comes with a
 * checkpoint, under exactly-once every 10,000 records or at close: too late.) If Redis is away the
 * flush throws, the commit does not happen and the records are processed again, as before.
 * {@code CachedStateStore} is an interface of Kafka Streams' internals: {@code StreamsApplicationTest}
 * fails (popular never appears) if an upgrade stops calling it at every commit. Nothing here is kept anywhere else: it holds no state of its own (not logged, not
 * persistent), and a task closed without a commit simply forgets what it held.
 *
 * <p>Each write is a product's whole score, so of several writes to one member of one set only
 * the last one counts: a product met a thousand times in a replay is written once per commit.
 * A write Redis refuses is logged and counted as {@link RefusedWrites} did; the product's next
 * write repairs it.
 */
final class PendingScores implements StateStore, CachedStateStore<Void, Void> {

    private final String name;
    private final OnlineFeatures features;
    private final Map<ScoreWrite.Target, ScoreWrite> pending = new LinkedHashMap<>();
    private final List<Runnable> flushed = new ArrayList<>();
    private boolean open;

    PendingScores(String name, OnlineFeatures features) {
        this.name = name;
        this.features = features;
    }

    /** Holds a write until the commit; it replaces a held one to the same member of the same set. */
    void add(ScoreWrite write) {
        // Removed first, so the map's order stays the order of the latest writes (a removal and a re-add keep their order).
        pending.remove(write.target());
        pending.put(write.target(), write);
    }

    /** Runs after every flush that reached Redis: what a processor read for this commit's records may be read again. */
    void whenFlushed(Runnable listener) {
        flushed.add(listener);
    }

    /** Called before every commit of the task. */
    @Override
    public void flushCache() {
        flush();
    }

    /** A task closed without a commit: its records will be processed again, and write again. */
    @Override
    public void clearCache() {
        pending.clear();
    }

    /** Nothing listens: the writes go to Redis, not downstream. */
    @Override
    public boolean setFlushListener(CacheFlushListener<Void, Void> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public void flush() {
        if (!pending.isEmpty()) {
            List<ScoreWrite> writes = List.copyOf(pending.values());
            // Throws when Redis is away: the commit fails and the records are processed again.
            for (ScoreWrite.Refused refused : features.writeScores(writes)) {
                RefusedWrites.refused(refused.write().ranking() == ScoreWrite.Ranking.POPULAR ? "popular" : "trending",
                        refused.write().productId(), refused.error());
            }
            pending.clear();
        }
        flushed.forEach(Runnable::run);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        // Nothing to restore: what it holds is rebuilt by processing the uncommitted records again.
        context.register(root, (key, value) -> {
        });
        open = true;
    }

    @Override
    public void close() {
        pending.clear();
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Builds one per task; never logged nor cached (there is nothing to log). */
    static StoreBuilder<PendingScores> builder(String name, OnlineFeatures features) {
        return new StoreBuilder<>() {
            @Override
            public StoreBuilder<PendingScores> withCachingEnabled() {
                throw new UnsupportedOperationException("pending Redis writes are not cached");
            }

            @Override
            public StoreBuilder<PendingScores> withCachingDisabled() {
                return this;
            }

            @Override
            public StoreBuilder<PendingScores> withLoggingEnabled(Map<String, String> config) {
                throw new UnsupportedOperationException("pending Redis writes are not logged");
            }

            @Override
            public StoreBuilder<PendingScores> withLoggingDisabled() {
                return this;
            }

            @Override
            public PendingScores build() {
                return new PendingScores(name, features);
            }

            @Override
            public Map<String, String> logConfig() {
                return Map.of();
            }

            @Override
            public boolean loggingEnabled() {
                return false;
            }

            @Override
            public String name() {
                return name;
            }
        };
    }
}
