package io.nightshift.streams.analystlog;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractCodec;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Shop events put on the real topic as the online API puts them, for the sink's tests. */
final class EventsTopic {

    private EventsTopic() {
    }

    static KafkaProducer<String, byte[]> producer(KafkaEndpoint kafka) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    static void publish(KafkaProducer<String, byte[]> producer, ShopEvent... events) throws Exception {
        for (ShopEvent event : events) {
            producer.send(new ProducerRecord<>(Topics.SHOP_EVENTS.name(), event.partitionKey(),
                    ContractCodec.of(Contract.SHOP_EVENT).encode(event))).get(30, TimeUnit.SECONDS);
        }
    }
}
