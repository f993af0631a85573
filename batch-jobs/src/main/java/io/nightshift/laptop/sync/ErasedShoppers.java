package io.nightshift.laptop.sync;

import io.nightshift.schemas.erasure.Erasure;
import io.nightshift.schemas.erasure.Erasures;
import io.nightshift.schemas.erasuretopic.ErasureReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The shoppers' erasures, read whole from the compacted {@code shop.erasures.v1} at each sync
 * (the laptop keeps no position on it: a laptop that was off for days, or a new one with an empty
 * store, gets every erasure there ever was), and applied to the local store: the shopper's
 * interactions up to the request are deleted. The sync then skips every event an erasure covers.
 */
public class ErasedShoppers {

    private static final Logger LOG = LoggerFactory.getLogger(ErasedShoppers.class);
    private static final Duration WITHIN = Duration.ofSeconds(30);
    /** Key in the job's execution context: epoch millis of the last read that cleared the store. */
    public static final String CLEARED_AT = "erasures.clearedAt";

    private final Map<String, Object> consumerConfig;
    private final InteractionStore store;

    ErasedShoppers(Map<String, Object> consumerConfig, InteractionStore store) {
        this.consumerConfig = Map.copyOf(consumerConfig);
        this.store = store;
    }

    /**
     * Every erasure, each one applied to the store (idempotent; what came after a request stays).
     *
     * @throws IllegalStateException when Kafka does not give the whole topic: a run must not train on a forgotten shopper
     */
    public Erasures read() {
        return read(null);
    }

    /**
     * Like {@link #read()}, noting in {@code job} (the nightly job's context, kept across restarts)
     * when the store was last cleared of every erasure: the publish step drops the lists of
     * shoppers whose erasure came later, which this run's data may still reflect.
     */
    public Erasures read(ExecutionContext job) {
        Instant readAt = Instant.now();
        Erasures erasures = new Erasures();
        try (ErasureReader reader = new ErasureReader(consumerConfig)) {
            ErasureReader.Batch all = reader.catchUp(WITHIN);
            all.unreadable().forEach(record -> LOG.warn("erasures: offset {} of {} is not an erasure record, skipped (the cloud dead-letters it)",
                    record.offset(), record.topic()));
            all.erasures().forEach(erasures::record);
        } catch (TimeoutException e) {
            throw new IllegalStateException(e.getMessage() + "; the run stops rather than train on a shopper who asked to be forgotten."
                    + " Is the network up, and does the topic exist (on a cluster with ACLs the owner creates it with"
                    + " ./nightshift kafka setup-access)? The run can be restarted.", e);
        }
        long forgotten = 0;
        for (Erasure erasure : erasures.all()) {
            forgotten += store.forget(erasure.userId(), erasure.requestedAt());
        }
        if (job != null) {
            job.putLong(CLEARED_AT, readAt.toEpochMilli());
        }
        if (forgotten > 0) {
            LOG.info("erasures: {} interactions of erased shoppers left the local store", forgotten);
        }
        return erasures;
    }

}
