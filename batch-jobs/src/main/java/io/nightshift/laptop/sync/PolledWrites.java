package io.nightshift.laptop.sync;

import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.event.ShopEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The store writes of one poll, sent as JDBC batches rather than a statement per record (a
 * statement per record made the sync the nightly job's slowest step). Record order is kept where
 * it matters: product changes and deletions apply in topic order, since a deletion first sends
 * the changes queued before it; interactions and products are separate tables.
 *
 * <p>A batch the store refuses is written again record by record, so that only the refused
 * records are skipped ({@link SkippedRecords}); the rewrite is harmless because every write is a
 * merge by key. A record is refused when the store says its values break the table's rules
 * ({@link DataIntegrityViolationException}: too long, missing) or when they cannot even be bound;
 * any other database failure (closed, locked, disk full) is the store's, not the record's, so it is
 * rethrown: the step fails and a restart reads the batch again instead of passing good records over.
 */
final class PolledWrites {

    private record Pending<T>(ConsumerRecord<String, byte[]> record, T value) {
    }

    private final InteractionStore store;
    private final List<Pending<ShopEvent>> interactions = new ArrayList<>();
    private final List<Pending<Product>> products = new ArrayList<>();

    PolledWrites(InteractionStore store) {
        this.store = store;
    }

    void saveInteraction(ConsumerRecord<String, byte[]> record, ShopEvent event) {
        interactions.add(new Pending<>(record, event));
    }

    void saveProduct(ConsumerRecord<String, byte[]> record, Product product) {
        products.add(new Pending<>(record, product));
    }

    void deleteProduct(ConsumerRecord<String, byte[]> record, String productId) {
        flushProducts();
        writeOne(new Pending<>(record, productId), store::deleteProduct);
    }

    /** Sends everything queued; the caller stores the offsets after this, in the same transaction. */
    void flush() {
        flush(interactions, store::saveInteractions, store::saveInteraction);
        flushProducts();
    }

    private void flushProducts() {
        flush(products, store::saveProducts, store::saveProduct);
    }

    private static <T> void flush(List<Pending<T>> pending, Consumer<List<T>> batch, Consumer<T> single) {
        if (pending.isEmpty()) {
            return;
        }
        try {
            batch.accept(pending.stream().map(Pending::value).toList());
        } catch (RuntimeException e) {
            if (!isRefusal(e)) {
                throw e;
            }
            // Some record of the batch is refused: find which, keeping the others.
            pending.forEach(one -> writeOne(one, single));
        }
        pending.clear();
    }

    private static <T> void writeOne(Pending<T> pending, Consumer<T> write) {
        try {
            write.accept(pending.value());
        } catch (RuntimeException e) {
            if (!isRefusal(e)) {
                throw e;
            }
            // The record's own fault: never retried.
            SkippedRecords.skip(pending.record(), e);
        }
    }

    private static boolean isRefusal(RuntimeException e) {
        return e instanceof DataIntegrityViolationException || !(e instanceof DataAccessException);
    }
}
