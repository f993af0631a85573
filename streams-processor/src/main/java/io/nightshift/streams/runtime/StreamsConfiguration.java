package io.nightshift.streams.runtime;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.schemas.connection.LogConnection;
import io.nightshift.schemas.erasure.Erasures;
import io.nightshift.streams.features.DecaySettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({KafkaConnection.class, KafkaLogin.class, StreamsSettings.class, RedisSettings.class, DecaySettings.class})
class StreamsConfiguration {

    /** Does not connect yet: the app starts while Redis is away, and stream threads retry until it is back. */
    @Bean(destroyMethod = "close")
    FeatureStore featureStore(RedisSettings redis) {
        return FeatureStore.connect(redis.featureStore());
    }

    /** Every Kafka client of this app connects through this: address, TLS and the SASL login. */
    @Bean
    LogConnection logConnection(KafkaConnection kafka, KafkaLogin login) {
        return kafka.link(login);
    }

    @Bean
    StreamsRuntime streamsRuntime(LogConnection kafka, StreamsSettings settings, DecaySettings decay, FeatureStore store, Erasures erasures) {
        return new StreamsRuntime(kafka, settings, decay, store, erasures);
    }

    @Bean(destroyMethod = "close")
    KafkaReachability kafkaReachability(LogConnection kafka) {
        return new KafkaReachability(kafka, Duration.ofSeconds(2), Clock.systemUTC());
    }

    @Bean
    StreamsHealthIndicator kafkaStreamsHealthIndicator(StreamsRuntime runtime, KafkaReachability kafka) {
        return new StreamsHealthIndicator(runtime::state, kafka, Clock.systemUTC());
    }

    @Bean
    RedisHealthIndicator featureStoreHealthIndicator(FeatureStore store) {
        return new RedisHealthIndicator(store);
    }
}
