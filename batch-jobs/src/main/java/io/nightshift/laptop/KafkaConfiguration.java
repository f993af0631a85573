package io.nightshift.laptop;

import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractSerde;
import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.heartbeat.Heartbeat;
import io.nightshift.schemas.result.RecoResult;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One idempotent producer (acks=all) for everything the laptop writes. Every record goes
 * through the contract's validating serializer, so the laptop cannot put an invalid record on
 * a topic; raw bytes are only ever written to dead-letter topics.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    @Bean
    ProducerFactory<String, Object> laptopProducerFactory(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(RecoResult.class, new ContractSerde<>(Contract.RECO_RESULT));
        byType.put(ControlEvent.class, new ContractSerde<>(Contract.CONTROL_EVENT));
        byType.put(Heartbeat.class, new ContractSerde<>(Contract.HEARTBEAT));
        byType.put(byte[].class, new ByteArraySerializer());
        return new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new DelegatingByTypeSerializer(byType));
    }

    /** Callers handle their own send failures (a run fails, a heartbeat is skipped), so the template logs none itself. */
    @Bean
    KafkaTemplate<String, Object> laptopKafkaTemplate(ProducerFactory<String, Object> laptopProducerFactory) {
        KafkaTemplate<String, Object> template = new KafkaTemplate<>(laptopProducerFactory);
        template.setProducerListener(new ProducerListener<>() {
        });
        return template;
    }

    /** Poison records go to the source topic's {@code .dlq} with the original bytes and the failure in headers; never silently dropped. */
    @Bean
    DeadLetterPublishingRecoverer deadLetters(KafkaTemplate<String, Object> laptopKafkaTemplate) {
        return new DeadLetterPublishingRecoverer(laptopKafkaTemplate,
                (record, failure) -> new TopicPartition(record.topic() + ".dlq", -1));
    }
}
