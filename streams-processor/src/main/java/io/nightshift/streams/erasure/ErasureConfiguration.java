package io.nightshift.streams.erasure;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.schemas.connection.LogConnection;
import io.nightshift.schemas.erasure.Erasures;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.List;

@Configuration(proxyBeanMethods = false)
class ErasureConfiguration {

    /** Consulted by every projection of shop.events.v1: the features topology and the event-log sink. */
    @Bean
    Erasures erasures() {
        return new Erasures();
    }

    @Bean
    ErasureStep redisErasure(FeatureStore store) {
        return new RedisErasure(store.features());
    }

    @Bean
    ErasureWatch erasureWatch(LogConnection kafka, Erasures erasures, List<ErasureStep> steps) {
        return new ErasureWatch(kafka, erasures, steps, Duration.ofSeconds(60), Duration.ofSeconds(5));
    }
}
