package io.nightshift.infra.local;

/**
 * Where a running Kafka cluster answers.
 *
 * @param bootstrapServers the {@code bootstrap.servers} value, e.g. {@code 127.0.0.1:41234}
 */
public record KafkaEndpoint(String bootstrapServers) {
}
