package io.nightshift.laptop.schedule;

import io.nightshift.laptop.LaptopProperties;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractSerde;
import io.nightshift.schemas.control.ControlEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.FixedBackOff;

import java.util.HashMap;
import java.util.Map;

@Configuration(proxyBeanMethods = false)
class ControlConfiguration {

    /**
     * One group per laptop, from the earliest offset: a laptop meeting the topic for the first
     * time (or after losing its store) learns the schedule from the log. Invalid control events
     * go to reco.control.v1.dlq after two retries.
     */
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, ControlEvent> controlListenerFactory(
            KafkaProperties kafka, LaptopProperties properties, DeadLetterPublishingRecoverer deadLetters) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.controlGroup());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        var factory = new ConcurrentKafkaListenerContainerFactory<String, ControlEvent>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(),
                new ErrorHandlingDeserializer<>(new ContractSerde<>(Contract.CONTROL_EVENT))));
        factory.setCommonErrorHandler(new DefaultErrorHandler(deadLetters, new FixedBackOff(1_000L, 2)));
        return factory;
    }
}
