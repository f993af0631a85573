package io.nightshift.onlineapi;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.featurestore.FeatureStoreSettings;
import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.Tier;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractSerde;
import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.control.ControlType;
import io.nightshift.schemas.control.Lineage;
import io.nightshift.schemas.control.RunProgress;
import io.nightshift.schemas.control.RunStatus;
import io.nightshift.schemas.control.VersionInfo;
import io.nightshift.schemas.heartbeat.Heartbeat;
import io.nightshift.schemas.result.ScoredItem;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The owner console as the owner uses it, in the system's chromium (headless) against the API on
 * real servers: it shows the laptop and the current state, rolls back and activates after a
 * confirmation naming both versions, pins a cohort, flips a kill switch, and a wrong token shows one
 * message and stops polling. It leaves a screenshot in target/console.png, and also at the path in
 * the system property {@code nightshift.console.screenshot} (how docs/images/console.png is made).
 */
@RealServers
class ConsoleBrowserTest {

    private static TestApi api;
    private static KafkaEndpoint kafka;
    private static FeatureStore store;
    private static HeadlessChromium chromium;
    private static ChromeDriver browser;
    /** The run the laptop reports as running; finished in {@link #stop()}. */
    private static String liveRun;

    @BeforeAll
    static void start(KafkaEndpoint kafkaEndpoint, RedisEndpoint redis) throws IOException {
        kafka = kafkaEndpoint;
        api = TestApi.start(kafkaEndpoint, redis, "--nightshift.serving.cohorts.a=50", "--nightshift.serving.cohorts.b=50");
        store = FeatureStore.connect(FeatureStoreSettings.of(redis.host(), redis.port()).withTimeout(Duration.ofSeconds(2)));
        chromium = HeadlessChromium.start(1400, 2000);
        browser = chromium.driver();
    }

    @AfterAll
    static void stop() throws IOException {
        if (liveRun != null) {
            // The control topic outlives this class: a run left running would take the next class's published version.
            runReport(new RunProgress(liveRun, RunStatus.COMPLETED, "publish", 1, 1, null), Instant.now());
        }
        if (chromium != null) {
            chromium.close();
        }
        if (api != null) {
            api.close();
            store.close();
        }
    }

    private static Object script(String code) {
        return chromium.script(code);
    }

    private static <T> T until(Function<WebDriver, T> condition) {
        return chromium.until(condition);
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static String completeVersion(String prefix) {
        String version = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        store.versions().stageList(version, "p-console", List.of(new ScoredItem("p-x", 1)), Instant.now(), 1);
        return version;
    }

    /** A nightly run as the laptop reports it: running, its version published with metrics, completed. */
    private static void finishedRun(String runId, String version, Lineage lineage) {
        Instant start = Instant.now().minusSeconds(754);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ContractSerde<>(Contract.CONTROL_EVENT).serializer())) {
            producer.send(new ProducerRecord<>("reco.control.v1", null, ControlEvent.run(ControlType.RUN_PROGRESS, "laptop",
                    new RunProgress(runId, RunStatus.RUNNING, "train", 0, 1, null), start)));
            producer.send(new ProducerRecord<>("reco.control.v1", null, ControlEvent.version(ControlType.VERSION_PUBLISHED, "laptop",
                    new VersionInfo(version, 1L, lineage), start.plusSeconds(700))));
            producer.send(new ProducerRecord<>("reco.control.v1", null, ControlEvent.run(ControlType.RUN_PROGRESS, "laptop",
                    new RunProgress(runId, RunStatus.COMPLETED, "publish", 1, 1, "nightly"), start.plusSeconds(754))));
        }
    }

    /** The laptop in a run: its step on the control topic, then heartbeats at 20 % and, 10 s later, 45 % (so 22 s to go). */
    private static void runningLaptop(String laptopId, String runId) {
        Instant now = Instant.now();
        runReport(new RunProgress(runId, RunStatus.RUNNING, "score", 120, 400, null), now);
        heartbeat(laptopId, runId, 0.20, now.minusSeconds(10));
        heartbeat(laptopId, runId, 0.45, now);
    }

    private static void runReport(RunProgress progress, Instant at) {
        try (var control = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ContractSerde<>(Contract.CONTROL_EVENT).serializer())) {
            control.send(new ProducerRecord<>("reco.control.v1", null, ControlEvent.run(ControlType.RUN_PROGRESS, "laptop", progress, at)));
        }
    }

    private static void heartbeat(String laptopId, String runId, double progress, Instant sentAt) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ContractSerde<>(Contract.HEARTBEAT).serializer())) {
            producer.send(new ProducerRecord<>("laptop.heartbeat.v1", laptopId,
                    new Heartbeat(laptopId, Heartbeat.SCHEMA_VERSION, sentAt, "running", "ac", 58.5, "gpu(0)", runId, progress, 3L)));
        }
    }

    private static boolean present(String css) {
        return !browser.findElements(By.cssSelector(css)).isEmpty();
    }

    /** The console redraws its tables every few seconds, so a found element may be gone by the click: find and click again. */
    private static void click(By by) {
        until(driver -> {
            driver.findElement(by).click();
            return true;
        });
    }

    private static void signIn(String token) {
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.cssSelector("#signin button")).click();
    }

    /** Accepts the confirmation after checking it names both versions. */
    private static void confirmNaming(String first, String second) {
        Alert alert = until(driver -> driver.switchTo().alert());
        assertThat(alert.getText()).contains(first).contains(second);
        alert.accept();
    }

    private static void screenshot() throws IOException {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, Path.of("target", "console.png"), StandardCopyOption.REPLACE_EXISTING);
        String wanted = System.getProperty("nightshift.console.screenshot");
        if (wanted != null && !wanted.isBlank()) {
            Files.copy(shot, Path.of(wanted), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    @DisplayName("the owner sees the laptop and the state, rolls back and activates after confirming, pins a cohort and flips a kill switch")
    void ownerWorksTheConsole() throws IOException {
        store.controls().setTierDisabled(Tier.TRENDING, false); // the Redis is shared with other test classes
        String older = completeVersion("v-console-old");
        String newer = completeVersion("v-console-new");
        assertThat(store.versions().activate(older, "test").refused()).isFalse();
        assertThat(store.versions().activate(newer, "test").refused()).isFalse();
        Lineage lineage = new Lineage("ease", Map.of("lambda", "86.9"), Map.of("ndcg10", 0.0517), "shop.events.v1:0-1200", "abc123");
        store.versions().putLineage(newer, lineage);
        store.versions().putLineage(older, new Lineage("ease", Map.of("lambda", "50"), Map.of("ndcg10", 0.0488), "shop.events.v1:0-900", "abc122"));
        String runId = "scheduled-console-" + UUID.randomUUID().toString().substring(0, 6);
        finishedRun(runId, newer, lineage);
        String laptopId = "laptop-console-" + UUID.randomUUID().toString().substring(0, 6);
        liveRun = "run-console-" + UUID.randomUUID().toString().substring(0, 6);
        runningLaptop(laptopId, liveRun);
        assertThat(api.admin("PUT", "/api/v1/admin/schedule", "{\"cron\":\"0 30 2 * * *\",\"timeZone\":\"Europe/Amsterdam\"}").statusCode()).isEqualTo(202);

        browser.get(api.uri("/console.html").toString());
        signIn(TestApi.TOKEN);
        until(driver -> text("laptop").contains(laptopId) && present("#laptop .light.online"));
        until(driver -> text("laptop").contains("Job " + liveRun) && text("laptop").contains("step score 120 / 400 · ETA 22 s"));
        assertThat(browser.findElement(By.cssSelector("#laptop [role=progressbar]")).getAttribute("aria-valuenow")).isEqualTo("45");
        assertThat(text("laptop")).contains("plugged in").contains("58.5 °C").contains("GPU (gpu(0))").contains("Fresh requests waiting\n3");
        until(driver -> present("#health tr[data-component='featureStore'] .light.online") && text("health").contains("Redis reachable in"));
        assertThat(text("health")).contains("nothing waiting: events go straight to Kafka").doesNotContain("{");
        for (int i = 0; i < 5; i++) {
            assertThat(api.get("/api/v1/products/p-console-" + i + "/recommendations").statusCode()).isEqualTo(200);
        }
        until(driver -> present("#answersChart svg rect.bar") && present("#latencyChart svg circle"));
        assertThat(text("answersChart")).contains("Answers per minute, by tier");
        until(driver -> text("scheduleNow").contains("every day at 02:30 ('0 30 2 * * *') in Europe/Amsterdam; next run"));
        assertThat(text("cronPreview")).isEqualTo("= every day at 02:30");
        until(driver -> text("activeVersion").contains("active " + newer) && text("activeVersion").contains("previous " + older));
        until(driver -> text("switches").contains("trending"));
        until(driver -> text("runs").contains(runId + " completed 12 min 34 s " + newer + " ndcg10 0.0517"));
        until(driver -> text("versions").contains("ndcg10 0.0488"));
        until(driver -> text("versions").contains("ease (lambda=86.9)") && text("versions").contains("shop.events.v1:0-1200 · code abc123"));
        until(driver -> browser.findElements(By.cssSelector("#qualityChart svg circle")).size() >= 2 && present("#qualityChart svg polyline"));

        browser.findElement(By.id("rollback")).click();
        confirmNaming(newer, older);
        until(driver -> store.versions().activeVersion().orElse("").equals(older) && text("activeVersion").contains("active " + older));

        click(By.cssSelector("#versions tr[data-version='" + newer + "'] button.activate"));
        confirmNaming(newer, older);
        until(driver -> store.versions().activeVersion().orElse("").equals(newer) && text("activeVersion").contains("active " + newer));

        browser.findElement(By.id("pinCohort")).sendKeys("b");
        until(driver -> {
            driver.findElement(By.cssSelector("#pinVersion option[value='" + older + "']")).click();
            driver.findElement(By.cssSelector("#pin button")).click();
            return true;
        });
        until(driver -> older.equals(store.controls().cohortPins().get("b")) && text("pins").contains("cohort b → " + older));

        click(By.id("switch-trending"));
        until(driver -> store.controls().disabledTiers().contains(Tier.TRENDING)
                && browser.findElement(By.cssSelector("#switches tr[data-tier='trending']")).getText().contains("off"));
        heartbeat(laptopId, liveRun, 0.6, Instant.now()); // online again after the clicks, for the picture
        until(driver -> present("#laptop .light.online") && text("laptop").contains("60 %"));
        screenshot();

        click(By.id("switch-trending"));
        until(driver -> !store.controls().disabledTiers().contains(Tier.TRENDING)
                && browser.findElement(By.cssSelector("#switches tr[data-tier='trending']")).getText().contains("on"));
        store.controls().unpinCohort("b");

        // The schedule editor says in words what the owner is typing, before anything is saved.
        browser.findElement(By.id("cron")).clear();
        browser.findElement(By.id("cron")).sendKeys("0 0 3 * * MON-FRI");
        until(driver -> text("cronPreview").equals("= Monday to Friday at 03:00"));
        browser.findElement(By.id("cron")).clear();
        browser.findElement(By.id("cron")).sendKeys("0 */5 * * * *");
        until(driver -> text("cronPreview").startsWith("= a custom schedule"));
    }

    @Test
    @DisplayName("a wrong token clears the panels, shows one message and stops polling until a token is entered")
    void wrongTokenShowsOneMessage() throws InterruptedException {
        browser.get(api.uri("/console.html").toString());
        script("sessionStorage.clear()");
        browser.navigate().refresh();
        signIn(TestApi.TOKEN);
        until(driver -> text("switches").contains("batch"));

        signIn("not-the-token");
        until(driver -> browser.findElement(By.id("authError")).isDisplayed());
        assertThat(text("authError")).contains("refused").contains("HTTP 401");
        assertThat(text("switches")).isEmpty();
        assertThat(text("versions")).isEmpty();
        assertThat(text("laptop")).isEmpty();
        assertThat(text("health")).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#answersChart svg"))).isEmpty();

        String adminCalls = "return performance.getEntriesByType('resource').filter(e => e.name.includes('/api/v1/admin/')).length";
        Object before = script(adminCalls);
        Thread.sleep(4000); // longer than the 3 s poll: a poller left running would call again
        assertThat(script(adminCalls)).as("admin calls after the 401").isEqualTo(before);
        assertThat(text("messages")).doesNotContain("401");

        signIn(TestApi.TOKEN);
        until(driver -> !browser.findElement(By.id("authError")).isDisplayed() && text("switches").contains("batch"));
    }

    @Test
    @DisplayName("a vanished laptop's card says offline since when, with its last known job and no ETA; a deferred one says why")
    void vanishedLaptopCard() {
        browser.get(api.uri("/console.html").toString());
        signIn(TestApi.TOKEN);
        until(driver -> text("switches").contains("batch"));
        signIn("not-the-token"); // stops the polling, so the card drawn below stays
        until(driver -> browser.findElement(By.id("authError")).isDisplayed());
        // The API's answer for a laptop gone for 754 s in the middle of a run (its shape as LaptopWatchTest checks it).
        script("showLaptop({laptopId: 'laptop-gone', status: 'offline', lastSeen: '2026-12-04T21:00:00Z', secondsSinceLastSeen: 754,"
                + " state: 'running', power: 'battery', temperatureC: null, device: 'cpu()', runningJob: 'run-gone', progress: 0.4,"
                + " freshLag: 12, etaSeconds: 30, runningStep: {runId: 'run-gone', status: 'running', step: 'train', done: 3, total: 8}})");
        assertThat(browser.findElements(By.cssSelector("#laptop .light.offline"))).hasSize(1);
        assertThat(text("laptop")).contains("offline since").contains("(12 min ago)").contains("Last known job run-gone")
                .contains("step train 3 / 8").doesNotContain("ETA").contains("on battery").contains("no sensor").contains("CPU");

        // Deferred while online: the light says why, the card says what it waits for (the laptop's own sentence).
        script("showLaptop({laptopId: 'laptop-warm', status: 'online', lastSeen: new Date().toISOString(), secondsSinceLastSeen: 2,"
                + " state: 'deferred', power: 'ac', temperatureC: 91.5, device: 'cpu()', runningJob: 'run-warm', progress: 0.5, freshLag: 0,"
                + " etaSeconds: null, runningStep: {runId: 'run-warm', status: 'deferred', step: 'train', done: 4, total: 8,"
                + " detail: 'too hot: 6.5 °C above the 85.0 °C limit; heavy work waits to cool down'}})");
        assertThat(browser.findElements(By.cssSelector("#laptop .light.deferred"))).hasSize(1);
        assertThat(text("laptop")).containsIgnoringCase("deferred for heat").contains("Waiting: too hot").contains("ETA unknown");
        signIn(TestApi.TOKEN);
        until(driver -> !browser.findElement(By.id("authError")).isDisplayed() && text("switches").contains("batch"));
    }
}
