package io.nightshift.laptop.sync;

import io.nightshift.laptop.run.RunReporter;
import io.nightshift.schemas.catalog.CatalogChange;
import io.nightshift.schemas.catalog.CatalogEvent;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractSerde;
import io.nightshift.schemas.erasure.Erasures;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.dao.DataAccessException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Copies {@code shop.events.v1} (interactions only) and {@code shop.catalog.v1} into the local
 * store, from the offsets the store remembers up to the end the topics had when the step began.
 *
 * <p>Each call handles one batch of records in one transaction (the step's), records and
 * offsets together, each poll's writes sent as JDBC batches ({@link PolledWrites}), and returns CONTINUABLE until the end is reached: a crash loses at most one
 * batch, which the next run reads again (harmlessly: the store is idempotent by event id).
 * The end offsets live in the step's execution context, so a restarted step aims at the same end.
 *
 * <p>Every batch first reads the shoppers' erasures ({@link ErasedShoppers}): their interactions up
 * to the request leave the store, and their events up to it are skipped here.
 *
 * <p>A record that does not decode or that the store refuses is skipped and counted
 * ({@link SkippedRecords}); its offset is passed like any other, so it is never read again. The
 * local database's own failures fail the step (restartable).
 */
class SyncEventsTasklet implements Tasklet {

    static final List<String> TOPICS = List.of(Topics.SHOP_EVENTS.name(), Topics.SHOP_CATALOG.name());

    /**
     * Records per transaction. Each call opens a consumer and asks the broker for partitions and
     * offsets, so small batches cost more in set-up than in writing (800k events in 2,000-record
     * batches were 400 consumers).
     */
    static final int BATCH = 20_000;
    private static final Duration POLL = Duration.ofMillis(500);
    /** Reached only when Kafka holds records we cannot fetch: the run fails rather than publishing a model on partial data. */
    private static final Duration STALL = Duration.ofSeconds(30);

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final InteractionStore store;
    private final RunReporter reporter;
    private final ErasedShoppers erasedShoppers;
    private final ContractSerde<ShopEvent> events = new ContractSerde<>(Contract.SHOP_EVENT);
    private final ContractSerde<CatalogEvent> catalog = new ContractSerde<>(Contract.CATALOG_EVENT);

    SyncEventsTasklet(Supplier<Consumer<String, byte[]>> consumers, InteractionStore store, RunReporter reporter, ErasedShoppers erasedShoppers) {
        this.consumers = consumers;
        this.store = store;
        this.reporter = reporter;
        this.erasedShoppers = erasedShoppers;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        ExecutionContext context = step.getExecutionContext();
        // Read again at every batch: an erasure accepted during a long sync covers the rest of it.
        Erasures erasures = erasedShoppers.read(step.getJobExecution().getExecutionContext());
        try (Consumer<String, byte[]> consumer = consumers.get()) {
            List<TopicPartition> partitions = partitionsOf(consumer);
            Map<TopicPartition, Long> positions = storedPositions(consumer, partitions);
            Map<TopicPartition, Long> ends = targetEnds(consumer, partitions, positions, context);
            List<TopicPartition> behind = partitions.stream().filter(tp -> positions.get(tp) < ends.get(tp)).toList();
            if (behind.isEmpty()) {
                report(step, context, positions);
                return RepeatStatus.FINISHED;
            }
            consumer.assign(behind);
            behind.forEach(tp -> consumer.seek(tp, positions.get(tp)));
            int applied = readBatch(consumer, behind, ends, positions, erasures);
            contribution.incrementWriteCount(applied);
            report(step, context, positions);
            boolean done = partitions.stream().allMatch(tp -> positions.get(tp) >= ends.get(tp));
            return done ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
        }
    }

    private int readBatch(Consumer<String, byte[]> consumer, List<TopicPartition> behind,
                          Map<TopicPartition, Long> ends, Map<TopicPartition, Long> positions, Erasures erasures) {
        int applied = 0;
        Instant stallLimit = Instant.now().plus(STALL);
        while (applied < BATCH && behind.stream().anyMatch(tp -> positions.get(tp) < ends.get(tp))) {
            ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
            PolledWrites writes = new PolledWrites(store);
            for (ConsumerRecord<String, byte[]> record : records) {
                TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < ends.get(tp)) {
                    apply(record, writes, erasures);
                    applied++;
                }
            }
            writes.flush();
            boolean moved = false;
            for (TopicPartition tp : behind) {
                // The position also moves over transaction markers, which are never returned as records.
                long next = Math.min(consumer.position(tp), ends.get(tp));
                if (next > positions.get(tp)) {
                    positions.put(tp, next);
                    store.saveOffset(tp.topic(), tp.partition(), next);
                    moved = true;
                }
            }
            if (moved) {
                stallLimit = Instant.now().plus(STALL);
            } else if (Instant.now().isAfter(stallLimit)) {
                throw new IllegalStateException("Kafka returned nothing for " + STALL.toSeconds()
                        + "s while the store is behind the topics' end; is the network up? The run can be restarted.");
            }
        }
        return applied;
    }

    /** Decodes a record and queues its write; a record that does not decode is skipped here. */
    private void apply(ConsumerRecord<String, byte[]> record, PolledWrites writes, Erasures erasures) {
        try {
            if (record.topic().equals(Topics.SHOP_EVENTS.name())) {
                ShopEvent event = events.deserialize(record.topic(), record.value());
                if (event != null && event.type().isInteraction() && !erasures.covers(event)) {
                    writes.saveInteraction(record, event);
                }
            } else if (record.value() == null) {
                writes.deleteProduct(record, record.key());
            } else {
                CatalogEvent change = catalog.deserialize(record.topic(), record.value());
                if (change.change() == CatalogChange.DELETE) {
                    writes.deleteProduct(record, change.productId());
                } else {
                    writes.saveProduct(record, change.product());
                }
            }
        } catch (DataAccessException e) {
            // The local database's trouble (PolledWrites skips the records it refuses): the step fails and a restart reads the batch again.
            throw e;
        } catch (RuntimeException e) {
            // The record's own fault (it does not decode): never retried.
            SkippedRecords.skip(record, e);
        }
    }

    private static List<TopicPartition> partitionsOf(Consumer<String, byte[]> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : TOPICS) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " has no partitions; is Kafka reachable and were the topics created?");
            }
            infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        return partitions;
    }

    /** Where the store left off, never before the log's start (retention may have removed older records). */
    private Map<TopicPartition, Long> storedPositions(Consumer<String, byte[]> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (String topic : TOPICS) {
            Map<Integer, Long> stored = store.nextOffsets(topic);
            partitions.stream().filter(tp -> tp.topic().equals(topic)).forEach(tp ->
                    positions.put(tp, Math.max(stored.getOrDefault(tp.partition(), 0L), beginnings.getOrDefault(tp, 0L))));
        }
        return positions;
    }

    private static Map<TopicPartition, Long> targetEnds(Consumer<String, byte[]> consumer, List<TopicPartition> partitions,
                                                        Map<TopicPartition, Long> positions, ExecutionContext context) {
        if (!context.containsKey(endKey(partitions.getFirst()))) {
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long total = 0;
            for (TopicPartition tp : partitions) {
                context.putLong(endKey(tp), ends.get(tp));
                context.putLong(startKey(tp), positions.get(tp));
                total += Math.max(0, ends.get(tp) - positions.get(tp));
            }
            context.putLong("total", total);
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        partitions.forEach(tp -> ends.put(tp, context.containsKey(endKey(tp)) ? context.getLong(endKey(tp)) : positions.get(tp)));
        return ends;
    }

    private void report(StepExecution step, ExecutionContext context, Map<TopicPartition, Long> positions) {
        long done = 0;
        for (Map.Entry<TopicPartition, Long> position : positions.entrySet()) {
            String start = startKey(position.getKey());
            done += context.containsKey(start) ? Math.max(0, position.getValue() - context.getLong(start)) : 0;
        }
        reporter.progress(step, done, context.getLong("total", 0L));
    }

    private static String endKey(TopicPartition tp) {
        return "end." + tp;
    }

    private static String startKey(TopicPartition tp) {
        return "start." + tp;
    }
}
