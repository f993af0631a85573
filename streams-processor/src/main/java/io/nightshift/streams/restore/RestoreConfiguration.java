package io.nightshift.streams.restore;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.schemas.connection.LogConnection;
import io.nightshift.streams.erasure.ErasureStep;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ArchiveSettings.class)
class RestoreConfiguration {

    @Bean(destroyMethod = "close")
    ArchiveTopic archiveTopic(LogConnection kafka) {
        return new ArchiveTopic(kafka.clientProperties());
    }

    @Bean
    ActiveVersionArchive activeVersionArchive(FeatureStore store, ArchiveTopic topic, ArchiveSettings settings) {
        return new ActiveVersionArchive(store.versions(), topic, settings.checkEvery());
    }

    /** An erased shopper's "for you" list leaves the active version's copy too. */
    @Bean
    ErasureStep activeCopyErasure(ArchiveTopic topic, FeatureStore store) {
        return new ActiveCopyErasure(topic, store.versions());
    }

    @Bean
    ActiveVersionRestore activeVersionRestore(FeatureStore store, ArchiveTopic topic, LogConnection kafka) {
        return new ActiveVersionRestore(store.versions(), topic, new KillSwitchRestore(store.controls(), kafka.clientProperties()));
    }
}
