package io.nightshift.streams.restore;

import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractCodec;
import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.control.ControlType;
import io.nightshift.schemas.control.VersionInfo;
import io.nightshift.schemas.result.RecoResult;
import io.nightshift.schemas.topic.Topics;
import io.nightshift.streams.deadletter.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads and writes {@code reco.active.v1}: one partition, read whole ({@link TopicReader}), written
 * by an idempotent producer with acks=all. The layout is {@link Topics#RECO_ACTIVE}'s: lists under
 * {@code <version>/product/<id>} and {@code <version>/user/<id>}, the marker under
 * {@value Topics#ACTIVE_MARKER}.
 */
final class ArchiveTopic implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveTopic.class);
    private static final long ACK_SECONDS = 60;
    /** The control contract knows three actors; the copy is the cloud's. */
    private static final String ACTOR = "cloud";

    private final Map<String, Object> client;
    private final TopicPartition partition = new TopicPartition(Topics.RECO_ACTIVE.name(), 0);
    private final ContractCodec<RecoResult> results = ContractCodec.of(Contract.RECO_RESULT);
    private final ContractCodec<ControlEvent> control = ContractCodec.of(Contract.CONTROL_EVENT);
    private KafkaProducer<String, byte[]> producer;

    /** @param client what every Kafka client of this app needs (bootstrap servers, and security where configured) */
    ArchiveTopic(Map<String, Object> client) {
        this.client = Map.copyOf(client);
    }

    static String listKey(String version, boolean forUser, String ownerId) {
        return version + (forUser ? "/user/" : "/product/") + ownerId;
    }

    /** The version of a list key: everything before the first slash (model versions have none). */
    static Optional<String> versionOf(String key) {
        int slash = key == null ? -1 : key.indexOf('/');
        return slash > 0 ? Optional.of(key.substring(0, slash)) : Optional.empty();
    }

    /** The marker and the keys of every version's lists, tombstoned ones left out. */
    synchronized ArchiveIndex readIndex() {
        Map<String, Set<String>> keys = new HashMap<>();
        VersionInfo[] marker = {null};
        readAll(record -> {
            if (Topics.ACTIVE_MARKER.equals(record.key())) {
                decodeMarker(record).ifPresent(info -> marker[0] = info);
                return;
            }
            versionOf(record.key()).ifPresent(version -> {
                if (record.value() == null) {
                    keys.getOrDefault(version, new HashSet<>()).remove(record.key());
                } else {
                    keys.computeIfAbsent(version, v -> new HashSet<>()).add(record.key());
                }
            });
        });
        keys.values().removeIf(Set::isEmpty);
        return new ArchiveIndex(Optional.ofNullable(marker[0]), keys);
    }

    /**
     * Hands every list of one version to {@code each}, the latest record per key (a key written
     * twice is handed twice, which staging in Redis absorbs). A record that cannot be decoded goes
     * to {@code reco.active.v1.dlq} with the reason and is not handed on.
     */
    synchronized void readLists(String version, Consumer<RecoResult> each) {
        String prefix = version + "/";
        readAll(record -> {
            if (record.value() == null || record.key() == null || !record.key().startsWith(prefix)) {
                return;
            }
            try {
                each.accept(results.decode(record.value()));
            } catch (RuntimeException e) {
                deadLetter(record, e);
            }
        });
    }

    /** Sends one list; the future completes when Kafka has it. */
    synchronized Future<?> sendList(String key, RecoResult list) {
        return producer().send(new ProducerRecord<>(partition.topic(), 0, key, results.encode(list)));
    }

    /** Names the version whose lists are all on the topic; returns once Kafka has it. */
    synchronized void sendMarker(VersionInfo version) {
        ControlEvent marker = ControlEvent.version(ControlType.VERSION_ACTIVATED, ACTOR, version, Instant.now());
        await(List.of(producer().send(new ProducerRecord<>(partition.topic(), 0, Topics.ACTIVE_MARKER, control.encode(marker)))));
    }

    /** Removes lists by key (compaction drops them and, later, the tombstones); returns once Kafka has them. */
    synchronized void delete(Set<String> keys) {
        List<Future<?>> acks = new ArrayList<>();
        for (String key : keys) {
            acks.add(producer().send(new ProducerRecord<>(partition.topic(), 0, key, null)));
        }
        await(acks);
    }

    /** Waits until Kafka has every record sent; throws when one was refused or timed out. */
    void await(List<Future<?>> acks) {
        synchronized (this) {
            producer().flush();
        }
        try {
            for (Future<?> ack : acks) {
                ack.get(ACK_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing " + partition.topic(), e);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not take the records for " + partition.topic() + ": " + e, e);
        }
    }

    private Optional<VersionInfo> decodeMarker(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(control.decode(record.value()).version());
        } catch (RuntimeException e) {
            deadLetter(record, e);
            return Optional.empty();
        }
    }

    private void readAll(Consumer<ConsumerRecord<String, byte[]>> each) {
        TopicReader.readAll(client, partition, each);
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, RuntimeException error) {
        LOG.warn("{} offset {} (key {}) is unreadable, sent to its dead letters: {}", partition.topic(), record.offset(), record.key(), error.toString());
        String topic = Topics.RECO_ACTIVE.deadLetters().name();
        await(List.of(producer().send(new ProducerRecord<>(topic, null, record.key(), record.value(),
                DeadLetters.headers(record.headers(), error, record.topic(), record.partition(), record.offset())))));
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> properties = new HashMap<>(client);
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
            properties.put(ProducerConfig.CLIENT_ID_CONFIG, "nightshift-archive");
            producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
            producer = null;
        }
    }
}
