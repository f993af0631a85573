package io.nightshift.streams.analystlog;

import io.nightshift.schemas.connection.LogConnection;
import io.nightshift.schemas.erasure.Erasures;
import io.nightshift.streams.erasure.ErasureStep;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventLogSettings.class)
@ConditionalOnBooleanProperty(name = "nightshift.eventlog.enabled", matchIfMissing = true)
class EventLogConfiguration {

    @Bean
    EventLogSink eventLogSink(LogConnection kafka, EventLogSettings settings, DataSource dataSource, Erasures erasures) {
        return new EventLogSink(kafka, settings, dataSource, erasures);
    }

    /** The shopper's events up to the request leave the analysts' tables. */
    @Bean
    ErasureStep analystRowsErasure(DataSource dataSource) {
        return new AnalystRowsErasure(dataSource);
    }

    @Bean
    EventLogHealthIndicator eventLogHealthIndicator(EventLogSink sink, DataSource dataSource) {
        return new EventLogHealthIndicator(sink, dataSource);
    }
}
