package io.nightshift.laptop;

import io.nightshift.schemas.codec.ContractSerializer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.ProducerListener;

import java.util.HashMap;
import java.util.Map;

/**
 * One idempotent producer (acks=all) for everything the laptop writes. Every record goes
 * through the schemas' {@link ContractSerializer}, which picks the contract by the record's type
 * and validates, so the laptop cannot put an invalid record on a topic; raw bytes are only ever
 * written to dead-letter topics.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    /** Static, as post-processors must be: it adds the link's TLS and SASL settings to Spring's Kafka properties. */
    @Bean
    static KafkaLinkSecurity kafkaLinkSecurity(ObjectProvider<KafkaLogin> login) {
        return new KafkaLinkSecurity(login);
    }

    @Bean
    ProducerFactory<String, Object> laptopProducerFactory(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ContractSerializer());
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
