package io.nightshift.laptop.fresh;

import io.nightshift.laptop.LaptopProperties;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractSerde;
import io.nightshift.schemas.request.FreshRequest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.FixedBackOff;

import java.util.HashMap;
import java.util.Map;

@Configuration(proxyBeanMethods = false)
class FreshConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FreshConfiguration.class);

    /**
     * A batch listener (one poll at a time, so requests can be coalesced), from the earliest
     * offset: requests made while the laptop was away are read on return, and the expired
     * ones dropped. When results cannot be written the poll is retried a few times, then given
     * up: by then the requests' deadlines have passed and the shop has answered from other tiers.
     */
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, FreshRequest> freshListenerFactory(KafkaProperties kafka, LaptopProperties properties) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.freshGroup());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        var factory = new ConcurrentKafkaListenerContainerFactory<String, FreshRequest>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(),
                new ErrorHandlingDeserializer<>(new ContractSerde<>(Contract.FRESH_REQUEST))));
        factory.setBatchListener(true);
        factory.setCommonErrorHandler(new DefaultErrorHandler(
                (record, failure) -> log.warn("gave up on fresh request {}-{}@{}: {}", record.topic(), record.partition(),
                        record.offset(), failure.getMessage()),
                new FixedBackOff(2_000L, 3)));
        return factory;
    }
}
