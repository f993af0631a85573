package io.nightshift.laptop;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.laptop.run.RunLauncher;
import io.nightshift.schemas.catalog.CatalogEvent;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.control.ControlType;
import io.nightshift.schemas.control.RunProgress;
import io.nightshift.schemas.control.RunStatus;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.schemas.heartbeat.Heartbeat;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@RealServers
class GateAndDeferralTest {

    /** Run requests other tests left on the shared topic are stale for these laptops: they run only what the test launches. */
    private static final String ONLY_OWN_RUNS = "--nightshift.laptop.run-request-max-age=1ms";

    @Test
    @DisplayName("the gate refuses a candidate worse than the active model, says why, and publishes nothing")
    void gateRefusesAWorseModel(KafkaEndpoint kafka, @TempDir Path dataDir) throws Exception {
        String shop = "gt" + UUID.randomUUID().toString().substring(0, 6);
        TopicClient topics = new TopicClient(kafka);
        publishBundles(topics, shop);

        String first = "run-" + shop + "-1";
        try (RunningLaptop laptop = RunningLaptop.start(kafka, dataDir, ONLY_OWN_RUNS, "--nightshift.laptop.selection.families=itemknn")) {
            assertThat(laptop.bean(RunLauncher.class).launch(first, "test")).isTrue();
            assertThat(runEnd(topics, first).status()).isEqualTo(RunStatus.COMPLETED);
        }
        // The owner narrows the laptop to popularity: on bundles that is plainly worse than ItemKNN.
        String second = "run-" + shop + "-2";
        try (RunningLaptop laptop = RunningLaptop.start(kafka, dataDir, ONLY_OWN_RUNS, "--nightshift.laptop.selection.families=popularity")) {
            assertThat(laptop.bean(RunLauncher.class).launch(second, "test")).isTrue();
            RunProgress end = runEnd(topics, second);
            assertThat(end.status()).isEqualTo(RunStatus.REFUSED);
            assertThat(end.step()).isEqualTo("evaluateModel");
            assertThat(end.detail()).contains("gate", "popularity", "below active", "itemknn");
            String candidate = end.detail().replaceAll(".*candidate (\\S+) .*", "$1");
            assertThat(candidate).endsWith("-popularity");
            List<ControlEvent> announced = topics.readAll(Topics.RECO_CONTROL.name(), Contract.CONTROL_EVENT).stream()
                    .map(ConsumerRecord::value)
                    .filter(e -> e.version() != null && e.version().modelVersion().equals(candidate))
                    .toList();
            assertThat(announced).as("a refused candidate is never announced nor activated").isEmpty();
        }
    }

    @Test
    @DisplayName("heavy steps wait while on battery, saying so in run_progress and the heartbeat, and resume on mains")
    void defersOnBatteryAndResumes(KafkaEndpoint kafka, @TempDir Path dataDir, @TempDir Path sys) throws Exception {
        String shop = "df" + UUID.randomUUID().toString().substring(0, 6);
        TopicClient topics = new TopicClient(kafka);
        publishBundles(topics, shop);
        supply(sys, "AC", "Mains", "online", "0");
        supply(sys, "BAT0", "Battery", "status", "Discharging");
        String runId = "run-" + shop;
        try (RunningLaptop laptop = RunningLaptop.start(kafka, dataDir, ONLY_OWN_RUNS, "--nightshift.laptop.sensors.power-supply-dir=" + sys,
                "--nightshift.laptop.deferral.poll=200ms", "--nightshift.laptop.selection.families=itemknn")) {
            assertThat(laptop.bean(RunLauncher.class).launch(runId, "test")).isTrue();
            List<ConsumerRecord<String, ControlEvent>> waiting = topics.readUntil(Topics.RECO_CONTROL.name(), Contract.CONTROL_EVENT,
                    records -> records.stream().anyMatch(r -> isRun(r.value(), runId, RunStatus.DEFERRED)), Duration.ofSeconds(60));
            RunProgress deferred = waiting.stream().map(ConsumerRecord::value).filter(e -> isRun(e, runId, RunStatus.DEFERRED))
                    .findFirst().orElseThrow().run();
            assertThat(deferred.step()).isEqualTo("trainModel");
            assertThat(deferred.detail()).contains("battery");
            List<Heartbeat> beats = topics.readUntil(Topics.LAPTOP_HEARTBEAT.name(), Contract.HEARTBEAT,
                            records -> records.stream().anyMatch(r -> laptop.laptopId().equals(r.key()) && "deferred".equals(r.value().state())),
                            Duration.ofSeconds(15))
                    .stream().filter(r -> laptop.laptopId().equals(r.key())).map(ConsumerRecord::value).toList();
            assertThat(beats).anySatisfy(beat -> {
                assertThat(beat.state()).isEqualTo("deferred");
                assertThat(beat.power()).isEqualTo("battery");
                assertThat(beat.runningJob()).isEqualTo(runId);
            });

            Files.writeString(sys.resolve("AC/online"), "1\n");
            assertThat(runEnd(topics, runId).status()).isEqualTo(RunStatus.COMPLETED);
        }
    }

    private static boolean isRun(ControlEvent event, String runId, RunStatus status) {
        return event.type() == ControlType.RUN_PROGRESS && event.run().runId().equals(runId) && event.run().status() == status;
    }

    private static RunProgress runEnd(TopicClient topics, String runId) {
        return topics.readUntil(Topics.RECO_CONTROL.name(), Contract.CONTROL_EVENT,
                        records -> records.stream().anyMatch(r -> isEnd(r.value(), runId)), Duration.ofSeconds(120))
                .stream().map(ConsumerRecord::value).filter(e -> isEnd(e, runId)).findFirst().orElseThrow().run();
    }

    private static boolean isEnd(ControlEvent event, String runId) {
        return event.type() == ControlType.RUN_PROGRESS && event.run().runId().equals(runId)
                && event.run().status().isFinal();
    }

    /** Ten bundles of three products; four shoppers per bundle view its products in order. */
    private static void publishBundles(TopicClient topics, String shop) throws Exception {
        Instant start = Instant.now().minusSeconds(3600);
        List<Map.Entry<String, CatalogEvent>> catalog = new ArrayList<>();
        List<Map.Entry<String, ShopEvent>> events = new ArrayList<>();
        for (int bundle = 0; bundle < 10; bundle++) {
            for (int item = 0; item < 3; item++) {
                String id = shop + "-b" + bundle + "-" + item;
                catalog.add(Map.entry(id, CatalogEvent.upsert(UUID.randomUUID(), new Product(id, id, "cat-" + shop, 1.0, true), start)));
            }
            for (int shopper = 0; shopper < 4; shopper++) {
                String user = shop + "-u" + bundle + "-" + shopper;
                for (int item = 0; item < 3; item++) {
                    ShopEvent event = ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, user, shop + "-b" + bundle + "-" + item,
                            null, start.plusSeconds(60L * item));
                    events.add(Map.entry(event.partitionKey(), event));
                }
            }
        }
        topics.send(Topics.SHOP_CATALOG.name(), Contract.CATALOG_EVENT, catalog);
        topics.send(Topics.SHOP_EVENTS.name(), Contract.SHOP_EVENT, events);
    }

    private static void supply(Path sys, String name, String type, String key, String value) throws Exception {
        Path folder = Files.createDirectories(sys.resolve(name));
        Files.writeString(folder.resolve("type"), type + "\n");
        Files.writeString(folder.resolve(key), value + "\n");
    }
}
