package io.nightshift.laptop;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.laptop.models.SyntheticCatalog;
import io.nightshift.laptop.run.RunLauncher;
import io.nightshift.schemas.catalog.CatalogEvent;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractSerde;
import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.control.ControlType;
import io.nightshift.schemas.control.Lineage;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.schemas.result.RecoResult;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's memory target: the whole nightly job on a 50,000-product synthetic catalog (power-law
 * popularity, sessions, categories; ~16 interactions per product) completes in a JVM of 1 GiB heap
 * (its own failsafe execution gives it {@code -Xmx1g}) and publishes a version. Prints each step's
 * wall time and the peak heap.
 */
@RealServers
class NightlyJobUnderOneGigabyteIT {

    private static final int PRODUCTS = 50_000;
    private static final double PER_PRODUCT = 16;
    private static final long MB = 1024 * 1024;

    private final String shop = "xm" + UUID.randomUUID().toString().substring(0, 6);

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("the nightly job on a 50k-product catalog completes under -Xmx1g and publishes a version")
    void fiftyThousandProductsUnderOneGigabyte(KafkaEndpoint kafka) throws Exception {
        long maxHeap = Runtime.getRuntime().maxMemory();
        System.out.printf("[xmx] max heap %d MB%n", maxHeap / MB);
        long started = System.nanoTime();
        long interactions = publishShop(kafka);
        System.out.printf("[xmx] published %d products and %d interactions in %.1f s%n", PRODUCTS, interactions, seconds(started));

        try (HeapWatch heap = HeapWatch.start();
             RunningLaptop laptop = RunningLaptop.start(kafka, dataDir, "--nightshift.laptop.run-request-max-age=1ms")) {
            RunLauncher launcher = laptop.bean(RunLauncher.class);
            long runStart = System.nanoTime();
            assertThat(launcher.launch("run-" + shop, "test")).isTrue();
            RunningLaptop.awaitIdle(launcher, Duration.ofMinutes(15));
            double runSeconds = seconds(runStart);
            JobRepository repository = laptop.bean(JobRepository.class);
            JobExecution run = repository.getLastJobExecution(repository.getLastJobInstance(RunLauncher.JOB_NAME));
            for (StepExecution step : run.getStepExecutions().stream().sorted(Comparator.comparing(StepExecution::getId)).toList()) {
                System.out.printf("[xmx] step %-14s %-10s %7.1f s  read %d write %d%n", step.getStepName(), step.getStatus(),
                        Duration.between(step.getStartTime(), step.getEndTime()).toMillis() / 1000.0, step.getReadCount(), step.getWriteCount());
            }
            System.out.printf("[xmx] run %.1f s; peak heap used %d MB (sampled every 50 ms), at most %d MB live after a collection%n",
                    runSeconds, heap.peakUsed() / MB, heap.peakAfterCollection() / MB);
            assertThat(run.getStatus()).as(run.getAllFailureExceptions().toString()).isEqualTo(BatchStatus.COMPLETED);

            String version = run.getExecutionContext().getString(io.nightshift.laptop.run.NightlyJobConfiguration.MODEL_VERSION);
            List<ControlEvent> control = new TopicClient(kafka).readAll(Topics.RECO_CONTROL.name(), Contract.CONTROL_EVENT).stream()
                    .map(ConsumerRecord::value).toList();
            Lineage lineage = control.stream().filter(e -> e.type() == ControlType.VERSION_PUBLISHED
                    && e.version().modelVersion().equals(version)).findFirst().orElseThrow().version().lineage();
            System.out.printf("[xmx] published %s: family %s, parameters %s%n", version, lineage.modelFamily(), lineage.parameters());
            // Whatever was skipped is in the lineage with its reason: memory, or the dense-only families above the dense limit.
            lineage.parameters().forEach((name, reason) -> {
                if (name.startsWith("skipped.")) {
                    System.out.printf("[xmx] %s: %s%n", name, reason);
                    assertThat(reason).as(name).matches("needs ~.* free|a dense model cannot hold \\d+ items");
                }
            });
            long results = countResults(kafka, version);
            System.out.printf("[xmx] %d results of %s on %s%n", results, version, Topics.RECO_RESULTS.name());
            assertThat(results).as("product lists published").isGreaterThan(PRODUCTS / 2);
        }
    }

    /** Produces the catalog and the interactions as they are generated, without holding the records. */
    private long publishShop(KafkaEndpoint kafka) throws Exception {
        Instant now = Instant.now();
        SyntheticCatalog synthetic = SyntheticCatalog.generate(SyntheticCatalog.Shape.of(PRODUCTS).withInteractionsPerProduct(PER_PRODUCT), 14);
        List<Map.Entry<String, CatalogEvent>> catalog = new ArrayList<>(PRODUCTS);
        for (int i = 0; i < PRODUCTS; i++) {
            String id = shop + "-" + synthetic.data().items().get(i);
            catalog.add(Map.entry(id, CatalogEvent.upsert(UUID.randomUUID(), new Product(id, id, shop + "-c" + synthetic.categoryOf()[i], 1.0, true), now)));
        }
        new TopicClient(kafka).send(Topics.SHOP_CATALOG.name(), Contract.CATALOG_EVENT, catalog);

        long last = 0;
        for (long[] times : synthetic.times()) {
            for (long time : times) {
                last = Math.max(last, time);
            }
        }
        AtomicReference<Exception> failure = new AtomicReference<>();
        long sent = 0;
        try (KafkaProducer<String, ShopEvent> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), new ContractSerde<>(Contract.SHOP_EVENT))) {
            int[][] sequences = synthetic.data().sequences();
            for (int u = 0; u < sequences.length; u++) {
                String user = shop + "-" + synthetic.data().users().get(u);
                for (int k = 0; k < sequences[u].length; k++) {
                    String product = shop + "-" + synthetic.data().items().get(sequences[u][k]);
                    ShopEvent event = ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, user, product, null,
                            now.minusSeconds(last - synthetic.times()[u][k] + 60));
                    producer.send(new ProducerRecord<>(Topics.SHOP_EVENTS.name(), event.partitionKey(), event), (metadata, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        }
                    });
                    sent++;
                }
            }
            producer.flush();
        }
        assertThat(failure.get()).as("a send failed").isNull();
        return sent;
    }

    /** How many results on the results topic are of {@code version}, read without keeping them. */
    private static long countResults(KafkaEndpoint kafka, String version) {
        try (KafkaConsumer<String, RecoResult> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ContractSerde<>(Contract.RECO_RESULT))) {
            String topic = Topics.RECO_RESULTS.name();
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(120);
            long count = 0;
            while (Instant.now().isBefore(deadline) && partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<String, RecoResult> record : consumer.poll(Duration.ofMillis(200))) {
                    if (!record.value().isForUser() && record.value().modelVersion().equals(version)) {
                        count++;
                    }
                }
            }
            return count;
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** Samples the heap in use while the job runs: the highest total, and the highest left after a collection. */
    private static final class HeapWatch implements AutoCloseable {

        private final AtomicLong peakUsed = new AtomicLong();
        private final AtomicLong peakAfterCollection = new AtomicLong();
        private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        private final Thread sampler;
        private volatile boolean running = true;

        private HeapWatch() {
            sampler = Thread.ofPlatform().daemon().name("heap-watch").start(() -> {
                while (running) {
                    sample();
                    try {
                        TimeUnit.MILLISECONDS.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        static HeapWatch start() {
            return new HeapWatch();
        }

        private void sample() {
            peakUsed.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
            long afterCollection = 0;
            for (MemoryPoolMXBean pool : pools) {
                if (pool.getCollectionUsage() != null) {
                    afterCollection += pool.getCollectionUsage().getUsed();
                }
            }
            peakAfterCollection.accumulateAndGet(afterCollection, Math::max);
        }

        long peakUsed() {
            sample();
            return peakUsed.get();
        }

        long peakAfterCollection() {
            return peakAfterCollection.get();
        }

        @Override
        public void close() {
            running = false;
            sampler.interrupt();
        }
    }
}
