package io.nightshift.onlineapi.kafka;

import io.nightshift.schemas.catalog.CatalogEvent;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractSerde;
import io.nightshift.schemas.codec.ContractSerializer;
import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.heartbeat.Heartbeat;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
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
 * The producers of every record this application writes (the main one, and a background one for
 * {@link FireAndForget}), on the schemas' {@link ContractSerializer}
 * (it picks the contract by the record's type), and one listener factory per contract read, on
 * {@link ContractSerde}: the one validating codec guards every record we write or read.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    /** Each instance keeps its own in-memory views (laptop, runs, catalog), so it reads every record itself. */
    static final String INSTANCE_GROUP_PREFIX = "online-api-view-";

    /** Static, as post-processors must be: it adds the link's TLS and SASL settings to Spring's Kafka properties. */
    @Bean
    static KafkaLinkSecurity kafkaLinkSecurity(ObjectProvider<KafkaLogin> login) {
        return new KafkaLinkSecurity(login);
    }

    /** Shared by the producer and the spool, which stores records as this serializer encoded them. */
    @Bean
    ContractSerializer contractSerializer() {
        return new ContractSerializer();
    }

    /**
     * A bean of its own so that the context closes it on shutdown: buffered records are flushed
     * (within {@code max-block}) and no producer outlives its application.
     */
    @Bean
    @Primary
    ProducerFactory<String, Object> producerFactory(KafkaProperties kafka, KafkaProducerProperties limits, ContractSerializer values) {
        Map<String, Object> props = producerProperties(kafka, limits);
        // An intake batch of 500 events is ~150 KB of JSON: lz4 shrinks it several-fold for the broker's disk and
        // replication at little CPU, and 64 KiB batches carry a request's share of a partition in one or two.
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // Both stay overridable (spring.kafka.producer.compression-type, .batch-size).
        props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "online-api");
        return producerFactory(props, limits, values);
    }

    /**
     * The producer of {@link FireAndForget} (a {@code reco_served} event per answer, fresh requests):
     * one small record at a time, spread over every partition by shopper. With the intake's lz4, each
     * new batch of one or two such records allocated lz4's 64 KiB block buffers (an eighth of the
     * API's allocation when serving 16 callers), for records that compress to little anyway; here
     * they go uncompressed in pooled batches, lingering a little longer so that batches fill up.
     */
    @Bean
    ProducerFactory<String, Object> backgroundProducerFactory(KafkaProperties kafka, KafkaProducerProperties limits, ContractSerializer values) {
        Map<String, Object> props = producerProperties(kafka, limits);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "online-api-background");
        return producerFactory(props, limits, values);
    }

    private static Map<String, Object> producerProperties(KafkaProperties kafka, KafkaProducerProperties limits) {
        Map<String, Object> props = new HashMap<>(kafka.buildProducerProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) limits.maxBlock().toMillis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) limits.requestTimeout().toMillis());
        // delivery.timeout.ms must be at least linger.ms + request.timeout.ms.
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                (int) Math.max(limits.deliveryTimeout().toMillis(), limits.requestTimeout().toMillis() + 100));
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return props;
    }

    private static ProducerFactory<String, Object> producerFactory(Map<String, Object> props, KafkaProducerProperties limits,
                                                                   ContractSerializer values) {
        var factory = new DefaultKafkaProducerFactory<String, Object>(props, new StringSerializer(), values);
        // While Kafka is away a close would otherwise wait 30 s; what is not flushed by then is fire-and-forget.
        factory.setPhysicalCloseTimeout((int) Math.max(1, limits.maxBlock().toSeconds()));
        return factory;
    }

    @Bean
    @Primary
    KafkaTemplate<String, Object> kafkaTemplate(ProducerFactory<String, Object> producerFactory) {
        return template(producerFactory);
    }

    @Bean
    KafkaTemplate<String, Object> backgroundKafkaTemplate(@Qualifier("backgroundProducerFactory") ProducerFactory<String, Object> producerFactory) {
        return template(producerFactory);
    }

    private static KafkaTemplate<String, Object> template(ProducerFactory<String, Object> producerFactory) {
        var template = new KafkaTemplate<>(producerFactory);
        // Callers handle failures (503, spool, counters); the default listener would log every payload at ERROR while Kafka is away.
        template.setProducerListener(new ProducerListener<>() {
        });
        return template;
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
