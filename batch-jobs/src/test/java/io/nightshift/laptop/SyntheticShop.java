package io.nightshift.laptop;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.laptop.models.SyntheticCatalog;
import io.nightshift.schemas.catalog.CatalogEvent;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractSerde;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link SyntheticCatalog} published the way a shop's cloud would: every product on
 * {@code shop.catalog.v1}, every interaction as a view on {@code shop.events.v1}, the last one a
 * minute ago. Ids are prefixed with the shop so that tests sharing a broker stay apart.
 */
final class SyntheticShop {

    private SyntheticShop() {
    }

    /** Produces the catalog and the interactions as they are generated, without holding the records; returns the interactions sent. */
    static long publish(KafkaEndpoint kafka, String shop, SyntheticCatalog synthetic) throws Exception {
        Instant now = Instant.now();
        int products = synthetic.categoryOf().length;
        List<Map.Entry<String, CatalogEvent>> catalog = new ArrayList<>(products);
        for (int i = 0; i < products; i++) {
            String id = shop + "-" + synthetic.data().items().get(i);
            catalog.add(Map.entry(id, CatalogEvent.upsert(UUID.randomUUID(), new Product(id, id, shop + "-c" + synthetic.categoryOf()[i], 1.0, true), now)));
        }
        new TopicClient(kafka).send(Topics.SHOP_CATALOG.name(), Contract.CATALOG_EVENT, catalog);

        long last = 0;
        for (long[] times : synthetic.times()) {
            for (long time : times) {
                last = Math.max(last, time);
            }
        }
        AtomicReference<Exception> failure = new AtomicReference<>();
        long sent = 0;
        try (KafkaProducer<String, ShopEvent> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), new ContractSerde<>(Contract.SHOP_EVENT))) {
            int[][] sequences = synthetic.data().sequences();
            for (int u = 0; u < sequences.length; u++) {
                String user = shop + "-" + synthetic.data().users().get(u);
                for (int k = 0; k < sequences[u].length; k++) {
                    String product = shop + "-" + synthetic.data().items().get(sequences[u][k]);
                    ShopEvent event = ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, user, product, null,
                            now.minusSeconds(last - synthetic.times()[u][k] + 60));
                    producer.send(new ProducerRecord<>(Topics.SHOP_EVENTS.name(), event.partitionKey(), event), (metadata, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        }
                    });
                    sent++;
                }
            }
            producer.flush();
        }
        assertThat(failure.get()).as("a send failed").isNull();
        return sent;
    }
}
