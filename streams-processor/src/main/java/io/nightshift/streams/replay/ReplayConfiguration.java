package io.nightshift.streams.replay;

import io.nightshift.streams.analystlog.EventLogSink;
import io.nightshift.streams.runtime.KafkaConnection;
import io.nightshift.streams.runtime.RedisSettings;
import io.nightshift.streams.runtime.StreamsRuntime;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Optional;

@Configuration(proxyBeanMethods = false)
class ReplayConfiguration {

    @Bean
    ReplayService replayService(KafkaConnection kafka, RedisSettings redis, StreamsRuntime streams, ObjectProvider<EventLogSink> sink,
                                @Value("${nightshift.eventlog.group-id:nightshift-eventlog}") String sinkGroup) {
        return new ReplayService(kafka, redis, streams, Optional.ofNullable(sink.getIfAvailable()), sinkGroup);
    }

    @Bean
    ReplayController replayController(ReplayService replay, @Value("${nightshift.admin.token:nightshift-demo-token}") String adminToken) {
        return new ReplayController(replay, adminToken);
    }
}
