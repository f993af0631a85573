package io.nightshift.streams.replay;

import io.nightshift.schemas.connection.LogConnection;
import io.nightshift.streams.analystlog.EventLogSink;
import io.nightshift.streams.erasure.ErasureWatch;
import io.nightshift.streams.restore.ActiveVersionRestore;
import io.nightshift.streams.runtime.RedisSettings;
import io.nightshift.streams.runtime.StreamsRuntime;
import io.nightshift.streams.runtime.StreamsSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Optional;

@Configuration(proxyBeanMethods = false)
class ReplayConfiguration {

    @Bean
    ReplayService replayService(LogConnection kafka, RedisSettings redis, StreamsRuntime streams, ObjectProvider<EventLogSink> sink,
                                @Value("${nightshift.eventlog.group-id:nightshift-eventlog}") String sinkGroup, ActiveVersionRestore restore,
                                ErasureWatch erasures) {
        return new ReplayService(kafka, redis, streams, Optional.ofNullable(sink.getIfAvailable()), sinkGroup, restore, erasures::applyAgain);
    }

    /** Takes the runtime itself, not only through the service, so that Spring starts it after the runtime and stops it before. */
    @Bean
    ReplayRequests replayRequests(LogConnection kafka, StreamsSettings settings, StreamsRuntime streams, ReplayService replay) {
        return new ReplayRequests(kafka, settings.applicationId() + "-replay-requests", streams, replay);
    }
}
