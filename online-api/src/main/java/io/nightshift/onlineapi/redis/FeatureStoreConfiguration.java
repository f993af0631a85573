package io.nightshift.onlineapi.redis;

import io.nightshift.featurestore.CatalogCache;
import io.nightshift.featurestore.CohortCounts;
import io.nightshift.featurestore.FeatureStore;
import io.nightshift.featurestore.FreshLists;
import io.nightshift.featurestore.ModelVersions;
import io.nightshift.featurestore.OnlineFeatures;
import io.nightshift.featurestore.ServingControls;
import io.nightshift.featurestore.ServingReads;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One store per process; each class depends on the role of it that it needs. */
@Configuration(proxyBeanMethods = false)
class FeatureStoreConfiguration {

    /** Does not connect yet, so the API starts (and serves last-known-good) while Redis is down. */
    @Bean(destroyMethod = "close")
    FeatureStore featureStore(RedisProperties redis) {
        return FeatureStore.connect(redis.settings());
    }

    @Bean
    ServingReads servingReads(FeatureStore store) {
        return store.serving();
    }

    @Bean
    FreshLists freshLists(FeatureStore store) {
        return store.freshLists();
    }

    @Bean
    CatalogCache catalogCache(FeatureStore store) {
        return store.catalog();
    }

    @Bean
    ModelVersions modelVersions(FeatureStore store) {
        return store.versions();
    }

    @Bean
    CohortCounts cohortCounts(FeatureStore store) {
        return store.cohortCounts();
    }

    @Bean
    ServingControls servingControls(FeatureStore store) {
        return store.controls();
    }

    @Bean
    OnlineFeatures onlineFeatures(FeatureStore store) {
        return store.features();
    }
}
