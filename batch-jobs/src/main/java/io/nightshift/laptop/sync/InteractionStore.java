package io.nightshift.laptop.sync;

import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.schemas.result.ScoredItem;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The laptop's projection of {@code shop.events.v1} (interactions only) and {@code shop.catalog.v1}
 * (the current catalog), with the offsets it has read up to. Rebuilt from Kafka when lost: with
 * no offsets stored, the sync starts at the beginning of the topics.
 */
@Repository
public class InteractionStore {

    private static final String MERGE_INTERACTION = """
            MERGE INTO interactions (event_id, user_key, product_id, event_type, event_value, occurred_at)
            KEY (event_id) VALUES (?, ?, ?, ?, ?, ?)""";
    private static final String MERGE_PRODUCT = "MERGE INTO products (product_id, category, available) KEY (product_id) VALUES (?, ?, ?)";

    private final JdbcTemplate batches;
    private final JdbcClient jdbc;

    InteractionStore(JdbcTemplate jdbc) {
        this.batches = jdbc;
        this.jdbc = JdbcClient.create(jdbc);
    }

    /** Idempotent by event id: a replayed or duplicated event changes nothing. */
    void saveInteraction(ShopEvent event) {
        jdbc.sql(MERGE_INTERACTION).params(interactionRow(event)).update();
    }

    /**
     * {@link #saveInteraction} for many events in one JDBC batch, in their order (so a duplicate
     * inside the batch lands once). A refused row fails the call; the rows before it may be stored.
     */
    void saveInteractions(List<ShopEvent> events) {
        batches.batchUpdate(MERGE_INTERACTION, events.stream().map(InteractionStore::interactionRow).toList());
    }

    /**
     * Forgets a shopper's interactions up to an erasure; those after it stay.
     *
     * @return how many were deleted
     */
    int forget(String userId, Instant before) {
        return jdbc.sql("DELETE FROM interactions WHERE user_key = ? AND occurred_at <= ?")
                .params(userId, Timestamp.from(before)).update();
    }

    void saveProduct(Product product) {
        jdbc.sql(MERGE_PRODUCT).params(productRow(product)).update();
    }

    /** {@link #saveProduct} for many products in one JDBC batch, in their order (the last change of a product wins). */
    void saveProducts(List<Product> products) {
        batches.batchUpdate(MERGE_PRODUCT, products.stream().map(InteractionStore::productRow).toList());
    }

    private static Object[] interactionRow(ShopEvent event) {
        return new Object[]{event.eventId(), event.partitionKey(), event.productId(), event.type().wire(), event.value(),
                Timestamp.from(event.occurredAt())};
    }

    private static Object[] productRow(Product product) {
        return new Object[]{product.productId(), product.category(), product.available()};
    }

    void deleteProduct(String productId) {
        jdbc.sql("DELETE FROM products WHERE product_id = ?").param(productId).update();
    }

    void saveOffset(String topic, int partition, long nextOffset) {
        jdbc.sql("MERGE INTO topic_offsets (topic, partition_no, next_offset) KEY (topic, partition_no) VALUES (?, ?, ?)")
                .params(topic, partition, nextOffset)
                .update();
    }

    /** The next offset to read per partition of a topic; a partition never read is absent. */
    Map<Integer, Long> nextOffsets(String topic) {
        Map<Integer, Long> offsets = new TreeMap<>();
        jdbc.sql("SELECT partition_no, next_offset FROM topic_offsets WHERE topic = ?")
                .param(topic)
                .query(rs -> {
                    offsets.put(rs.getInt(1), rs.getLong(2));
                });
        return offsets;
    }

    /**
     * What the store holds, as topic offsets in the lineage format
     * {@code shop.events.v1:0-1200,1-980;shop.catalog.v1:0-40} (partition-nextOffset; everything from the start).
     */
    public String dataRange(List<String> topics) {
        List<String> parts = new ArrayList<>();
        for (String topic : topics) {
            String partitions = nextOffsets(topic).entrySet().stream()
                    .map(e -> e.getKey() + "-" + e.getValue())
                    .collect(Collectors.joining(","));
            parts.add(topic + ":" + partitions);
        }
        return String.join(";", parts);
    }

    /** Every interaction, grouped by shopper and oldest first within a shopper: the order training needs. */
    public void forEachInteraction(Consumer<Interaction> consumer) {
        jdbc.sql("SELECT user_key, product_id, event_type, event_value FROM interactions ORDER BY user_key, occurred_at, event_id")
                .query(rs -> {
                    double value = rs.getDouble(4);
                    consumer.accept(new Interaction(rs.getString(1), rs.getString(2), EventType.fromWire(rs.getString(3)),
                            rs.wasNull() ? null : value));
                });
    }

    /** Available products and their categories, ordered by id. */
    public Map<String, String> availableProducts() {
        Map<String, String> products = new LinkedHashMap<>();
        jdbc.sql("SELECT product_id, category FROM products WHERE available ORDER BY product_id")
                .query(rs -> {
                    products.put(rs.getString(1), rs.getString(2));
                });
        return products;
    }

    /** The available products most shoppers interacted with, best first: the answer while no model exists yet. */
    public List<ScoredItem> popular(int limit) {
        return jdbc.sql("""
                        SELECT p.product_id, COUNT(DISTINCT i.user_key) AS shoppers
                        FROM products p LEFT JOIN interactions i ON i.product_id = p.product_id
                        WHERE p.available
                        GROUP BY p.product_id
                        ORDER BY shoppers DESC, p.product_id
                        LIMIT ?""")
                .param(limit)
                .query((rs, row) -> new ScoredItem(rs.getString(1), rs.getLong(2)))
                .list();
    }

    public long countInteractions() {
        return jdbc.sql("SELECT COUNT(*) FROM interactions").query(Long.class).single();
    }
}
