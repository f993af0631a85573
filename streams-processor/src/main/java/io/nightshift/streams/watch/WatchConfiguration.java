package io.nightshift.streams.watch;

import io.micrometer.core.instrument.MeterRegistry;
import io.nightshift.featurestore.FeatureStore;
import io.nightshift.schemas.connection.LogConnection;
import io.nightshift.streams.analystlog.EventLogSink;
import io.nightshift.streams.runtime.StreamsSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;
import java.util.function.Supplier;

/** The metrics read from Kafka and Redis, refreshed in the background by {@link WatchRefresh}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WatchSettings.class)
class WatchConfiguration {

    @Bean(destroyMethod = "close")
    WatchRefresh watchRefresh(LogConnection kafka, StreamsSettings streams, FeatureStore store, WatchSettings settings, MeterRegistry meters,
                              ObjectProvider<EventLogSink> sinks) {
        int millis = (int) settings.timeout().toMillis();
        Admin admin = Admin.create(kafka.clientProperties(Map.of(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.CLIENT_ID_CONFIG, "nightshift-streams-metrics")));
        EventLogSink sink = sinks.getIfAvailable();
        Supplier<String> eventLogGroup = sink == null ? () -> null : sink::groupId;
        KafkaBacklog backlog = new KafkaBacklog(admin, streams.applicationId(), eventLogGroup,
                EventLogSink.TOPICS, settings.timeout().toMillis() + 500, meters);
        return new WatchRefresh(settings.refreshEvery(), admin, backlog, new ActiveVersion(store.versions(), meters));
    }
}
