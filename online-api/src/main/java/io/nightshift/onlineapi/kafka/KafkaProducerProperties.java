package io.nightshift.onlineapi.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How long a producer may wait for Kafka. Short, because an HTTP request waits behind it:
 * {@code maxBlock} bounds the wait for metadata when no broker answers, {@code deliveryTimeout}
 * bounds how long a record is retried (idempotently) before its send fails.
 */
@ConfigurationProperties("nightshift.kafka")
record KafkaProducerProperties(
        @DefaultValue("2s") Duration maxBlock,
        @DefaultValue("10s") Duration deliveryTimeout,
        @DefaultValue("5s") Duration requestTimeout) {
}
