package io.nightshift.streams.restore;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.streams.runtime.KafkaConnection;
import org.apache.kafka.clients.CommonClientConfigs;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ArchiveSettings.class)
class RestoreConfiguration {

    /** The one place this package's Kafka clients get their connection settings. */
    private static Map<String, Object> client(KafkaConnection kafka) {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    }

    @Bean(destroyMethod = "close")
    ArchiveTopic archiveTopic(KafkaConnection kafka) {
        return new ArchiveTopic(client(kafka));
    }

    @Bean
    ActiveVersionArchive activeVersionArchive(FeatureStore store, ArchiveTopic topic, ArchiveSettings settings) {
        return new ActiveVersionArchive(store.versions(), topic, settings.checkEvery());
    }

    @Bean
    ActiveVersionRestore activeVersionRestore(FeatureStore store, ArchiveTopic topic, KafkaConnection kafka) {
        return new ActiveVersionRestore(store.versions(), topic, new KillSwitchRestore(store.controls(), client(kafka)));
    }
}
