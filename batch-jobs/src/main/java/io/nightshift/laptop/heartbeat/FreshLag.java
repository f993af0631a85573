package io.nightshift.laptop.heartbeat;

import io.nightshift.laptop.LaptopProperties;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** How many fresh requests wait in Kafka for this laptop's worker group; empty while Kafka does not answer. */
@Component
class FreshLag implements AutoCloseable {

    private final Admin admin;
    private final String group;

    FreshLag(KafkaAdmin kafkaAdmin, LaptopProperties properties) {
        this.admin = Admin.create(kafkaAdmin.getConfigurationProperties());
        this.group = properties.freshGroup();
    }

    Optional<Long> waiting() {
        try {
            String topic = Topics.RECO_REQUESTS.name();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            for (int p = 0; p < Topics.RECO_REQUESTS.partitions(); p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
                earliest.put(new TopicPartition(topic, p), OffsetSpec.earliest());
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(2, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(2, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all().get(2, TimeUnit.SECONDS);
            long lag = 0;
            for (TopicPartition tp : latest.keySet()) {
                OffsetAndMetadata position = committed.get(tp);
                long from = position != null ? position.offset() : starts.get(tp).offset();
                lag += Math.max(0, ends.get(tp).offset() - from);
            }
            return Optional.of(lag);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
