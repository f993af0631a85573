package io.nightshift.streams.runtime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Kafka is. Bound from {@code spring.kafka.bootstrap-servers} because that is what the
 * supervisor passes every app; this app does not use spring-kafka itself.
 */
@ConfigurationProperties("spring.kafka")
public record KafkaConnection(@DefaultValue("127.0.0.1:9092") String bootstrapServers) {
}
