package io.nightshift.onlineapi.serving;

import io.nightshift.schemas.catalog.CatalogChange;
import io.nightshift.schemas.catalog.CatalogEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Which products may be recommended, projected in memory from the compacted {@code shop.catalog.v1}.
 *
 * <p>The serving snapshot carries only the viewed product's metadata, not its candidates'; asking
 * Redis for each candidate would cost a round trip per item. The catalog of a small shop fits in
 * memory, and every instance replays the compacted topic at start. A product this view has not
 * seen is allowed (the view may still be loading); unavailable and deleted ones never are.
 * While Kafka is away the view keeps its last state.
 */
@Component
class CatalogAvailability {

    private final ConcurrentHashMap<String, Boolean> available = new ConcurrentHashMap<>();

    @KafkaListener(id = "online-api-catalog-view", idIsGroup = false, topics = "shop.catalog.v1", containerFactory = "catalogListenerFactory",
            autoStartup = "${nightshift.views.enabled:true}")
    void on(ConsumerRecord<String, CatalogEvent> record) {
        CatalogEvent event = record.value();
        if (event == null) {
            // A tombstone on the compacted topic: the product is gone.
            if (record.key() != null) {
                available.put(record.key(), false);
            }
            return;
        }
        if (event.change() == CatalogChange.DELETE) {
            available.put(event.productId(), false);
        } else {
            available.put(event.productId(), event.product() != null && event.product().available());
        }
    }

    boolean recommendable(String productId) {
        return available.getOrDefault(productId, true);
    }
}
