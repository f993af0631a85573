package io.nightshift.streams.deadletter;

import io.nightshift.featurestore.FeatureStoreUnavailableException;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractCodec;
import io.micrometer.core.instrument.Metrics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Reads one contract's records as raw bytes, decodes them with the contract's validating codec and
 * hands them to {@link #handle}. A record that does not decode, or whose handling throws, is
 * forwarded unchanged (plus {@link DeadLetters} headers) to the dead-letter sink: never dropped,
 * never retried for ever.
 *
 * <p>Decoding here rather than in a deserializer keeps poison records on the normal path of the
 * topology: they are dead-lettered inside the same exactly-once transaction that commits their
 * offset, so a crash can neither lose nor duplicate them.
 *
 * <p>Redis being away ({@link FeatureStoreUnavailableException}) is not the record's fault: it
 * fails the task instead, the transaction aborts, and the record is processed again once the
 * stream thread is replaced.
 */
public abstract class ContractProcessor<T> implements Processor<String, byte[], String, byte[]> {

    private static final Logger LOG = LoggerFactory.getLogger(ContractProcessor.class);

    private final ContractCodec<T> codec;
    private final String deadLetterSink;
    private ProcessorContext<String, byte[]> context;
    private long recordTimestamp;

    protected ContractProcessor(Contract<T> contract, String deadLetterSink) {
        this.codec = ContractCodec.of(contract);
        this.deadLetterSink = deadLetterSink;
    }

    @Override
    public final void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        onInit(context);
    }

    /** Where a subclass gets its state stores and schedules its punctuations. */
    protected void onInit(ProcessorContext<String, byte[]> context) {
    }

    @Override
    public final void process(Record<String, byte[]> record) {
        recordTimestamp = record.timestamp();
        try {
            if (record.value() == null) {
                handleTombstone(record.key());
            } else {
                handle(record.key(), codec.decode(record.value()));
            }
        } catch (FeatureStoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            Optional<RecordMetadata> source = context.recordMetadata();
            LOG.warn("dead-lettering record {}-{}@{} (key {}): {}",
                    source.map(RecordMetadata::topic).orElse("?"), source.map(RecordMetadata::partition).orElse(-1),
                    source.map(RecordMetadata::offset).orElse(-1L), record.key(), e.toString());
            context.forward(DeadLetters.of(record, e, source), deadLetterSink);
            // The global registry: Spring Boot adds its Prometheus registry to it, and the
            // processors are built by Kafka Streams, not by Spring.
            Metrics.counter(DeadLetters.METRIC, "topic", source.map(RecordMetadata::topic).orElse("unknown")).increment();
        }
    }

    /** Applies one valid record; throwing anything but {@link FeatureStoreUnavailableException} dead-letters it. */
    protected abstract void handle(String key, T value);

    /**
     * A {@code null} value: a deletion marker on a compacted topic, which the subclass of such a
     * topic handles. Anywhere else it is a broken record, so by default it is dead-lettered.
     */
    protected void handleTombstone(String key) {
        throw new IllegalArgumentException("a null value (tombstone) on a topic that is not compacted");
    }

    /** The timestamp of the record being handled (epoch millis): when the producer says it happened. */
    protected final long recordTimestamp() {
        return recordTimestamp;
    }

    protected final ProcessorContext<String, byte[]> context() {
        return context;
    }

    /** The contract's encoder, validating, for records this processor produces itself. */
    protected final ContractCodec<T> codec() {
        return codec;
    }
}
