package io.nightshift.laptop.schedule;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.laptop.RunningLaptop;
import io.nightshift.laptop.TopicClient;
import io.nightshift.laptop.run.RunLauncher;
import io.nightshift.schemas.catalog.CatalogEvent;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.control.Schedule;
import io.nightshift.schemas.topic.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@RealServers
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScheduleWiringTest {

    private RunningLaptop laptop;
    private TopicClient topics;

    @BeforeAll
    void start(KafkaEndpoint kafka, @TempDir Path dataDir) throws Exception {
        topics = new TopicClient(kafka);
        String product = "sw" + UUID.randomUUID().toString().substring(0, 6);
        topics.send(Topics.SHOP_CATALOG.name(), Contract.CATALOG_EVENT, List.of(Map.entry(product,
                CatalogEvent.upsert(UUID.randomUUID(), new Product(product, "P", "cat", 1.0, true), Instant.now()))));
        laptop = RunningLaptop.start(kafka, dataDir, "--nightshift.laptop.run-request-max-age=1ms");
    }

    @AfterAll
    void stop() {
        if (laptop != null) {
            laptop.close();
        }
    }

    @Test
    @DisplayName("a schedule_changed on reco.control.v1 becomes the laptop's schedule")
    void scheduleFromControlTopic() throws Exception {
        // New Year's Day at 3: never due while the tests run, here or in any laptop replaying the topic.
        Schedule yearly = new Schedule("0 0 3 1 1 *", "Europe/Amsterdam");
        Instant changedAt = Instant.now();
        topics.send(Topics.RECO_CONTROL.name(), Contract.CONTROL_EVENT, List.of(Map.entry("schedule",
                ControlEvent.scheduleChanged("owner", yearly, changedAt))));

        ScheduleStore store = laptop.bean(ScheduleStore.class);
        Instant deadline = Instant.now().plusSeconds(30);
        while (store.current().filter(s -> s.schedule().equals(yearly)).isEmpty() && Instant.now().isBefore(deadline)) {
            TimeUnit.MILLISECONDS.sleep(200);
        }
        assertThat(store.current()).hasValueSatisfying(stored -> assertThat(stored.schedule()).isEqualTo(yearly));
    }

    @Test
    @DisplayName("a nightly run missed while the laptop was off runs once when it checks, then not again")
    void missedRunRunsOnce() throws Exception {
        NightlySchedule schedule = laptop.bean(NightlySchedule.class);
        RunLauncher launcher = laptop.bean(RunLauncher.class);
        awaitIdle(launcher);
        // Set three days ago, daily at 3, and the laptop off since: two or three nights were missed.
        laptop.bean(ScheduleStore.class).change(new Schedule("0 0 3 * * *", "Europe/Amsterdam"), Instant.now().minus(Duration.ofDays(3)));

        schedule.runIfDue(); // the laptop's own check may have been first: either way one run is under way
        Optional<String> caughtUp = launcher.runningRunId();
        awaitIdle(launcher);
        schedule.runIfDue();

        assertThat(caughtUp).hasValueSatisfying(runId -> assertThat(runId).startsWith("scheduled-"));
        assertThat(launcher.runningRunId()).isEmpty();
        assertThat(laptop.bean(ScheduleStore.class).current()).hasValueSatisfying(stored ->
                assertThat(stored.lastFire()).isAfter(Instant.now().minus(Duration.ofDays(1))));
    }

    private static void awaitIdle(RunLauncher launcher) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (launcher.runningRunId().isPresent() && Instant.now().isBefore(deadline)) {
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }
}
