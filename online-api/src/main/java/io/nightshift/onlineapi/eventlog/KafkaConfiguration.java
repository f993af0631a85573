package io.nightshift.onlineapi.eventlog;

import io.nightshift.schemas.catalog.CatalogEvent;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractSerde;
import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.schemas.heartbeat.Heartbeat;
import io.nightshift.schemas.request.FreshRequest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.FixedBackOff;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Producers and listener factories, one per contract, all on the schemas' {@link ContractSerde}
 * so that the one validating codec guards every record we write or read.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    /** Each instance keeps its own in-memory views (laptop, runs, catalog), so it reads every record itself. */
    static final String INSTANCE_GROUP_PREFIX = "online-api-view-";

    @Bean
    ProducerFactory<String, ShopEvent> shopEventProducerFactory(KafkaProperties kafka, KafkaProducerProperties limits) {
        return producerFactory(kafka, limits, Contract.SHOP_EVENT);
    }

    @Bean
    KafkaTemplate<String, ShopEvent> shopEventTemplate(ProducerFactory<String, ShopEvent> shopEventProducerFactory) {
        return template(shopEventProducerFactory);
    }

    @Bean
    ProducerFactory<String, CatalogEvent> catalogEventProducerFactory(KafkaProperties kafka, KafkaProducerProperties limits) {
        return producerFactory(kafka, limits, Contract.CATALOG_EVENT);
    }

    @Bean
    KafkaTemplate<String, CatalogEvent> catalogEventTemplate(ProducerFactory<String, CatalogEvent> catalogEventProducerFactory) {
        return template(catalogEventProducerFactory);
    }

    @Bean
    ProducerFactory<String, FreshRequest> freshRequestProducerFactory(KafkaProperties kafka, KafkaProducerProperties limits) {
        return producerFactory(kafka, limits, Contract.FRESH_REQUEST);
    }

    @Bean
    KafkaTemplate<String, FreshRequest> freshRequestTemplate(ProducerFactory<String, FreshRequest> freshRequestProducerFactory) {
        return template(freshRequestProducerFactory);
    }

    @Bean
    ProducerFactory<String, ControlEvent> controlEventProducerFactory(KafkaProperties kafka, KafkaProducerProperties limits) {
        return producerFactory(kafka, limits, Contract.CONTROL_EVENT);
    }

    @Bean
    KafkaTemplate<String, ControlEvent> controlEventTemplate(ProducerFactory<String, ControlEvent> controlEventProducerFactory) {
        return template(controlEventProducerFactory);
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, Heartbeat> heartbeatListenerFactory(KafkaProperties kafka) {
        return listenerFactory(kafka, Contract.HEARTBEAT);
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, ControlEvent> controlListenerFactory(KafkaProperties kafka) {
        return listenerFactory(kafka, Contract.CONTROL_EVENT);
    }

    @Bean
    ConcurrentKafkaListenerContainerFactory<String, CatalogEvent> catalogListenerFactory(KafkaProperties kafka) {
        return listenerFactory(kafka, Contract.CATALOG_EVENT);
    }

    /**
     * A bean of its own so that the context closes it on shutdown: buffered records are flushed
     * (within {@code max-block}) and no producer outlives its application.
     */
    private static <T> ProducerFactory<String, T> producerFactory(KafkaProperties kafka, KafkaProducerProperties limits, Contract<T> contract) {
        Map<String, Object> props = new HashMap<>(kafka.buildProducerProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) limits.maxBlock().toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) limits.requestTimeout().toMillis());
        // delivery.timeout.ms must be at least linger.ms + request.timeout.ms.
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                (int) Math.max(limits.deliveryTimeout().toMillis(), limits.requestTimeout().toMillis() + 100));
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "online-api-" + contract.name());
        var factory = new DefaultKafkaProducerFactory<>(props, new StringSerializer(), new ContractSerde<>(contract));
        // While Kafka is away a close would otherwise wait 30 s per producer; what is not flushed by then is fire-and-forget.
        factory.setPhysicalCloseTimeout((int) Math.max(1, limits.maxBlock().toSeconds()));
        return factory;
    }

    private static <T> KafkaTemplate<String, T> template(ProducerFactory<String, T> factory) {
        var template = new KafkaTemplate<>(factory);
        // Callers handle failures (503, spool, counters); the default listener would log every payload at ERROR while Kafka is away.
        template.setProducerListener(new ProducerListener<>() {
        });
        return template;
    }

    private static <T> ConcurrentKafkaListenerContainerFactory<String, T> listenerFactory(KafkaProperties kafka, Contract<T> contract) {
        Map<String, Object> props = new HashMap<>(kafka.buildConsumerProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, INSTANCE_GROUP_PREFIX + contract.name() + "-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A malformed record must not stop the view: it is logged and skipped (its producer's DLQ handling is upstream).
        var values = new ErrorHandlingDeserializer<>(new ContractSerde<>(contract).deserializer());
        var consumerFactory = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), values);
        var factory = new ConcurrentKafkaListenerContainerFactory<String, T>();
        factory.setConsumerFactory(consumerFactory);
        factory.setCommonErrorHandler(new DefaultErrorHandler(new FixedBackOff(0L, 0L)));
        return factory;
    }
}
