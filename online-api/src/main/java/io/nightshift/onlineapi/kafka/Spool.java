package io.nightshift.onlineapi.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A bounded, append-only file of records Kafka would not take: shop events and catalog changes
 * are accepted (202, {@code spooled: true}) while Kafka is away and handed over when it returns.
 *
 * <p>Each line is a {@link SpoolLine}: the record's bytes
 * exactly as the producer's validating serializer encoded them, fsynced before the request is
 * answered, so an accepted record survives a crash. Draining sends those bytes as they are: no
 * record is decoded and encoded again.
 *
 * <p>The format is the one earlier versions wrote, so a spool left by one of them on an upgraded
 * machine drains unchanged: its values were valid when written and carry their schema version,
 * which every reader upcasts.
 *
 * <p>Draining renames the file aside first ({@code .draining}), so appends go on meanwhile; a
 * drain that fails keeps that file and is retried. Spooled records reach Kafka after the
 * outage, later than records sent directly afterwards would; while anything is spooled, new
 * records are spooled too, to keep the order within this instance.
 *
 * <p>A record spooled because its send timed out may still reach Kafka through the producer's own
 * retries when the broker returns; so may part of a drain that failed. The spool keeps those
 * sends' futures by line; the next drain waits for them to end and skips the lines whose earlier
 * send succeeded, so a broker restart delivers each record once. Those futures live in memory:
 * after a crash of this instance the spooled copies are sent regardless, a harmless duplicate
 * (every record carries its unique id).
 */
@Component
class Spool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Spool.class);

    /** The topics whose records the spool keeps; a line naming another is not ours to send. */

    private final SpoolProperties properties;
    private final KafkaTemplate<String, Object> template;
    private final Path active;
    private final Path draining;
    private final Thread drainer;
    private long bytes;
    private long records;
    /** Lines in the active file, so an in-doubt send can be matched to its line when the file drains. */
    private long activeLines;
    /** Line number → the original send, still possibly succeeding: its spooled copy is skipped if it does. */
    private Map<Long, CompletableFuture<?>> activeInDoubt = new HashMap<>();
    private Map<Long, CompletableFuture<?>> drainingInDoubt = new HashMap<>();

    Spool(SpoolProperties properties, KafkaTemplate<String, Object> template, MeterRegistry meters) {
        this.properties = properties;
        this.template = template;
        Gauge.builder("nightshift.spool.bytes", this, Spool::bytes).description("bytes of events and catalog changes waiting for Kafka")
                .baseUnit("bytes").register(meters);
        Gauge.builder("nightshift.spool.records", this, Spool::records).description("events and catalog changes waiting for Kafka (spool depth)")
                .register(meters);
        this.active = properties.dir().resolve("spool.log");
        this.draining = properties.dir().resolve("spool.log.draining");
        if (properties.enabled()) {
            try {
                Files.createDirectories(properties.dir());
                bytes = sizeOf(active) + sizeOf(draining);
                activeLines = linesOf(active);
                records = activeLines + linesOf(draining);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot use the spool directory " + properties.dir().toAbsolutePath()
                        + "; set nightshift.spool.dir to a writable folder or nightshift.spool.enabled=false", e);
            }
            if (bytes > 0) {
                log.info("spool at {} holds {} bytes from before; they are sent when Kafka answers", properties.dir().toAbsolutePath(), bytes);
            }
            drainer = Thread.ofVirtual().name("spool-drainer").start(this::drainLoop);
        } else {
            drainer = null;
        }
    }

    /** Bytes waiting for Kafka. */
    public synchronized long bytes() {
        return bytes;
    }

    /** Records waiting for Kafka (the spool's depth). */
    public synchronized long records() {
        return records;
    }

    /** Whether records wait in the spool (new ones then join them, to keep the order). */
    public synchronized boolean pending() {
        return bytes > 0;
    }

    /**
     * Appends and fsyncs the records.
     *
     * @param entries the records as encoded for Kafka
     * @param inDoubt empty, or per entry the send that timed out but may still succeed
     * @return false when the spool is disabled or full: the caller answers 503
     */
    synchronized boolean offer(List<EventLog.Entry<byte[]>> entries, List<CompletableFuture<?>> inDoubt) {
        if (!properties.enabled() || entries.isEmpty()) {
            return properties.enabled();
        }
        StringBuilder lines = new StringBuilder();
        for (EventLog.Entry<byte[]> entry : entries) {
            lines.append(new SpoolLine(entry.topic(), entry.key(), entry.value()).format());
        }
        byte[] data = lines.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes + data.length > properties.maxSize().toBytes()) {
            log.warn("spool full ({} of {} bytes); refusing until Kafka drains it", bytes, properties.maxSize().toBytes());
            return false;
        }
        try (FileChannel channel = FileChannel.open(active, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(data);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            log.error("cannot append to spool {}: {}", active, e.getMessage());
            return false;
        }
        bytes += data.length;
        records += entries.size();
        for (int i = 0; i < inDoubt.size(); i++) {
            activeInDoubt.put(activeLines + i, inDoubt.get(i));
        }
        activeLines += entries.size();
        return true;
    }

    private void drainLoop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(properties.drainInterval());
                drainOnce();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.debug("spool drain failed, retrying: {}", e.getMessage());
            }
        }
    }

    /** Hands the spooled records to Kafka; true when the spool is empty afterwards. */
    boolean drainOnce() throws InterruptedException {
        synchronized (this) {
            if (bytes == 0) {
                return true;
            }
            if (!Files.exists(draining) && Files.exists(active)) {
                try {
                    Files.move(active, draining, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                drainingInDoubt = activeInDoubt;
                activeInDoubt = new HashMap<>();
                activeLines = 0;
            }
        }
        Set<Long> alreadyInKafka = settle(drainingInDoubt);
        if (alreadyInKafka == null) {
            return false;
        }
        if (!Files.exists(draining)) {
            return false;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(draining, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Kept by line: if this attempt fails half-way, the next one skips what did arrive.
        Map<Long, CompletableFuture<?>> sends = new HashMap<>();
        try {
            for (int index = 0; index < lines.size(); index++) {
                String line = lines.get(index);
                if (line.isBlank() || alreadyInKafka.contains((long) index)) {
                    continue;
                }
                Optional<SpoolLine> record = SpoolLine.parse(line);
                if (record.isEmpty()) {
                    log.error("skipping an unreadable spool line in {}: {}", draining, line.length() > 80 ? line.substring(0, 80) : line);
                    continue;
                }
                sends.put((long) index, template.send(record.get().topic(), record.get().key(), record.get().value()));
            }
            CompletableFuture.allOf(sends.values().toArray(CompletableFuture[]::new)).get(properties.ackWait().toMillis() * 10, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            drainingInDoubt.putAll(sends);
            throw e;
        } catch (Exception e) {
            drainingInDoubt.putAll(sends);
            log.info("Kafka did not take the spooled records yet ({}); keeping them", e.getMessage());
            return false;
        }
        synchronized (this) {
            long size = sizeOf(draining);
            try {
                Files.deleteIfExists(draining);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bytes = Math.max(0, bytes - size);
            records = Math.max(0, records - lines.stream().filter(line -> !line.isBlank()).count());
            drainingInDoubt = new HashMap<>();
            log.info("spool handed {} records to Kafka ({} had arrived by an earlier send)", sends.size(), alreadyInKafka.size());
            return bytes == 0;
        }
    }

    /**
     * Waits for the original sends of spooled records to end (the producer gives up after its
     * delivery timeout at the latest); null while some still run.
     */
    private Set<Long> settle(Map<Long, CompletableFuture<?>> inDoubt) throws InterruptedException {
        Set<Long> succeeded = new HashSet<>();
        long deadline = System.nanoTime() + properties.ackWait().toNanos();
        for (var entry : inDoubt.entrySet()) {
            try {
                entry.getValue().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                succeeded.add(entry.getKey());
            } catch (ExecutionException e) {
                // The original send failed for good: the spooled copy is the one to send.
            } catch (TimeoutException e) {
                return null;
            }
        }
        return succeeded;
    }

    private static long linesOf(Path file) {
        if (!Files.exists(file)) {
            return 0;
        }
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.filter(line -> !line.isBlank()).count();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        if (drainer != null) {
            drainer.interrupt();
        }
    }
}
