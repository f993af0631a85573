package io.nightshift.streams.runtime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Where Redis is ({@code nightshift.redis.*}). The timeout is longer than the API's: this app
 * writes, and a slow answer is better than failing the stream task.
 */
@ConfigurationProperties("nightshift.redis")
public record RedisSettings(
        @DefaultValue("127.0.0.1") String host,
        @DefaultValue("6379") int port,
        @DefaultValue("2s") Duration timeout,
        @DefaultValue("8") int poolSize) {
}
