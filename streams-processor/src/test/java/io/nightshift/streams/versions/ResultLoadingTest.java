package io.nightshift.streams.versions;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.featurestore.StoredList;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.control.ControlEvent;
import io.nightshift.schemas.control.ControlType;
import io.nightshift.schemas.control.Lineage;
import io.nightshift.schemas.control.VersionInfo;
import io.nightshift.schemas.result.RecoResult;
import io.nightshift.schemas.result.ResultKind;
import io.nightshift.schemas.result.ScoredItem;
import io.nightshift.schemas.topic.DeadLetterHeaders;
import io.nightshift.schemas.topic.Topics;
import io.nightshift.streams.Drivers;
import io.nightshift.streams.deadletter.DeadLetters;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static io.nightshift.featurestore.FeatureStoreProbe.probe;

@RealServers
class ResultLoadingTest {

    private static final List<ScoredItem> ITEMS = List.of(new ScoredItem("p-2", 0.9), new ScoredItem("p-3", 0.5));

    private FeatureStore store;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> results;
    private TestInputTopic<String, byte[]> control;
    private TestOutputTopic<String, byte[]> announcements;
    private TestOutputTopic<String, byte[]> resultDeadLetters;
    private TestOutputTopic<String, byte[]> controlDeadLetters;

    @BeforeEach
    void start(RedisEndpoint redis) {
        store = Drivers.emptyStore(redis);
        driver = Drivers.driver(ResultLoading.addTo(new Topology(), store.versions(), store.freshLists(), Duration.ofSeconds(1), Duration.ofHours(24)));
        results = Drivers.input(driver, Topics.RECO_RESULTS.name());
        control = Drivers.input(driver, Topics.RECO_CONTROL.name());
        announcements = Drivers.output(driver, Topics.RECO_CONTROL.name());
        resultDeadLetters = Drivers.output(driver, Topics.RECO_RESULTS.deadLetters().name());
        controlDeadLetters = Drivers.output(driver, Topics.RECO_CONTROL.deadLetters().name());
    }

    @AfterEach
    void stop() {
        driver.close();
        store.close();
    }

    @Test
    @DisplayName("batch lists are staged under their version and counted once, however often they arrive")
    void batchListsAreStaged() {
        sendBatch("v1", "p-1", 2);
        sendBatch("v1", "p-1", 2);

        assertThat(probe(store).versionList("v1", "p-1")).map(StoredList::items).contains(ITEMS);
        assertThat(store.versions().versionStatus("v1")).hasValueSatisfying(s -> {
            assertThat(s.loaded()).isEqualTo(1);
            assertThat(s.complete()).isFalse();
        });
    }

    @Test
    @DisplayName("an activation of a complete version switches the pointer at once and announces version_activated")
    void completeVersionActivatesAtOnce() {
        sendBatch("v1", "p-1", 2);
        sendBatch("v1", "p-2", 2);
        requestActivation("v1", "laptop");

        assertThat(store.versions().activeVersion()).contains("v1");
        ControlEvent announced = Drivers.decode(Contract.CONTROL_EVENT, announcementsOfType(ControlType.VERSION_ACTIVATED).getFirst());
        assertThat(announced.version().modelVersion()).isEqualTo("v1");
        assertThat(announced.version().expectedTotal()).isEqualTo(2);
        assertThat(announced.actor()).isEqualTo("laptop");
    }

    @Test
    @DisplayName("an activation requested before the last list arrives waits, and the version is never visible half-loaded")
    void earlyActivationWaitsForTheLastList() {
        sendBatch("v1", "p-1", 3);
        requestActivation("v1", "owner");
        sendBatch("v1", "p-2", 3);
        driver.advanceWallClockTime(Duration.ofSeconds(2));

        assertThat(store.versions().activeVersion()).isEmpty();
        assertThat(announcementsOfType(ControlType.VERSION_ACTIVATED)).isEmpty();

        sendBatch("v1", "p-3", 3);
        driver.advanceWallClockTime(Duration.ofSeconds(2));

        assertThat(store.versions().activeVersion()).contains("v1");
        assertThat(announcementsOfType(ControlType.VERSION_ACTIVATED)).hasSize(1);
    }

    @Test
    @DisplayName("a second activation keeps the previous version for rollback and retires the older ones")
    void activationRetiresAllButActiveAndPrevious() {
        for (String version : List.of("v1", "v2", "v3")) {
            sendBatch(version, "p-1", 1);
            requestActivation(version, "laptop");
        }

        assertThat(store.versions().activeVersion()).contains("v3");
        assertThat(store.versions().previousVersion()).contains("v2");
        assertThat(store.versions().versionStatus("v1")).isEmpty();
        assertThat(probe(store).versionList("v1", "p-1")).isEmpty();
        assertThat(probe(store).versionList("v2", "p-1")).isPresent();
    }

    @Test
    @DisplayName("a newer request, or the owner's rollback, cancels an activation still waiting for its lists")
    void waitingActivationIsSuperseded() {
        sendBatch("v1", "p-1", 2);
        requestActivation("v1", "laptop");
        sendBatch("v2", "p-1", 2);
        requestActivation("v2", "laptop");
        control.pipeInput(null, Drivers.encode(Contract.CONTROL_EVENT,
                ControlEvent.version(ControlType.VERSION_ROLLED_BACK, "owner", new VersionInfo("v0", null, null), Drivers.START)));

        sendBatch("v1", "p-2", 2);
        sendBatch("v2", "p-2", 2);
        driver.advanceWallClockTime(Duration.ofSeconds(2));

        assertThat(store.versions().activeVersion()).isEmpty();
        assertThat(announcementsOfType(ControlType.VERSION_ACTIVATED)).isEmpty();
    }

    @Test
    @DisplayName("a replayed activation request changes nothing and announces nothing")
    void replayedActivationIsHarmless() {
        sendBatch("v1", "p-1", 1);
        ControlEvent request = activation("v1", "owner");
        control.pipeInput(null, Drivers.encode(Contract.CONTROL_EVENT, request));
        control.pipeInput(null, Drivers.encode(Contract.CONTROL_EVENT, request));

        assertThat(probe(store).versionHistory()).containsExactly("v1");
        assertThat(announcementsOfType(ControlType.VERSION_ACTIVATED)).hasSize(1);
    }

    @Test
    @DisplayName("a version with product and user lists completes at their sum and then activates")
    void productAndUserListsCompleteTheVersionTogether() {
        sendBatch("v1", "p-1", 4);
        sendUserList("v1", "u-1", 4);
        sendUserList("v1", "u-1", 4);
        sendBatch("v1", "p-2", 4);
        requestActivation("v1", "laptop");
        driver.advanceWallClockTime(Duration.ofSeconds(2));

        assertThat(store.versions().versionStatus("v1")).hasValueSatisfying(s -> assertThat(s.loaded()).isEqualTo(3));
        assertThat(store.versions().activeVersion()).isEmpty();

        sendUserList("v1", "u-2", 4);
        driver.advanceWallClockTime(Duration.ofSeconds(2));

        assertThat(store.versions().activeVersion()).contains("v1");
        assertThat(probe(store).userVersionList("v1", "u-1")).map(StoredList::items).contains(ITEMS);
        assertThat(probe(store).userVersionList("v1", "u-2")).isPresent();
        assertThat(probe(store).versionList("v1", "u-1")).as("a user list is not a product list").isEmpty();
        assertThat(store.serving().userRead("u-1", null, 10).userList()).map(StoredList::modelVersion).contains("v1");
        ControlEvent announced = Drivers.decode(Contract.CONTROL_EVENT, announcementsOfType(ControlType.VERSION_ACTIVATED).getFirst());
        assertThat(announced.version().expectedTotal()).isEqualTo(4);
        assertThat(resultDeadLetters.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("a user list that is fresh, or names both a product and a user, goes to the dead-letter topic")
    void brokenUserListsAreDeadLettered() {
        byte[] freshForUser = """
                {"resultId":"%s","schemaVersion":1,"kind":"fresh","modelVersion":"v1","userId":"u-1","items":[],"computedAt":"2026-11-24T03:00:00Z"}"""
                .formatted(UUID.randomUUID()).getBytes();
        byte[] both = """
                {"resultId":"%s","schemaVersion":1,"kind":"batch","modelVersion":"v1","productId":"p-1","userId":"u-1","items":[],"computedAt":"2026-11-24T03:00:00Z","expectedTotal":1}"""
                .formatted(UUID.randomUUID()).getBytes();
        results.pipeInput("u-1", freshForUser);
        results.pipeInput("u-1", both);

        assertThat(resultDeadLetters.readValuesToList()).containsExactly(freshForUser, both);
        assertThat(store.versions().versionStatus("v1")).isEmpty();
        assertThat(probe(store).userVersionList("v1", "u-1")).isEmpty();
    }

    @Test
    @DisplayName("version_published records the version's lineage, even before its lists, without making it loaded")
    void publishedVersionRecordsItsLineage() {
        Lineage lineage = new Lineage("ease", Map.of("lambda", "250"), Map.of("ndcg@10", 0.3125), "shop.events.v1:0-1200", "1.4.2");
        control.pipeInput("v1", Drivers.encode(Contract.CONTROL_EVENT,
                ControlEvent.version(ControlType.VERSION_PUBLISHED, "laptop", new VersionInfo("v1", 2L, lineage), Drivers.START)));
        requestActivation("v1", "laptop");

        assertThat(store.versions().lineage("v1")).contains(lineage);
        assertThat(store.versions().versionStatus("v1")).isEmpty();
        assertThat(store.versions().activeVersion()).isEmpty();

        sendBatch("v1", "p-1", 2);
        sendUserList("v1", "u-1", 2);
        driver.advanceWallClockTime(Duration.ofSeconds(2));

        assertThat(store.versions().activeVersion()).contains("v1");
        assertThat(store.versions().lineage("v1")).contains(lineage);
        assertThat(controlDeadLetters.isEmpty()).isTrue();
    }

    @Test
    @DisplayName("version_published without lineage records none, and one naming no version is dead-lettered")
    void publishedVersionWithoutLineage() {
        control.pipeInput("v1", Drivers.encode(Contract.CONTROL_EVENT,
                ControlEvent.version(ControlType.VERSION_PUBLISHED, "laptop", new VersionInfo("v1", 2L, null), Drivers.START)));
        byte[] noVersion = """
                {"eventId":"%s","schemaVersion":1,"type":"version_published","actor":"laptop","occurredAt":"2026-11-24T03:00:00Z"}"""
                .formatted(UUID.randomUUID()).getBytes();
        control.pipeInput(null, noVersion);

        assertThat(store.versions().lineage("v1")).isEmpty();
        assertThat(controlDeadLetters.readValuesToList()).containsExactly(noVersion);
    }

    @Test
    @DisplayName("a fresh list is stored for the product with its own expiry")
    void freshListsAreStored() {
        Instant computedAt = Instant.now();
        results.pipeInput("p-7", Drivers.encode(Contract.RECO_RESULT,
                new RecoResult(UUID.randomUUID(), RecoResult.SCHEMA_VERSION, ResultKind.FRESH, "v1", "p-7", ITEMS, computedAt, null)));

        assertThat(probe(store).freshList("p-7")).map(StoredList::items).contains(ITEMS);
    }

    @Test
    @DisplayName("a batch list without expectedTotal, and an activation naming no version, go to their dead-letter topics")
    void brokenRecordsAreDeadLettered() {
        byte[] noTotal = """
                {"resultId":"%s","schemaVersion":1,"kind":"batch","modelVersion":"v1","productId":"p-1","items":[],"computedAt":"2026-11-24T03:00:00Z"}"""
                .formatted(UUID.randomUUID()).getBytes();
        results.pipeInput("p-1", noTotal);
        byte[] noVersion = """
                {"eventId":"%s","schemaVersion":1,"type":"activation_requested","actor":"owner","occurredAt":"2026-11-24T03:00:00Z"}"""
                .formatted(UUID.randomUUID()).getBytes();
        control.pipeInput(null, noVersion);

        var deadResult = resultDeadLetters.readRecord();
        assertThat(deadResult.value()).isEqualTo(noTotal);
        assertThat(Drivers.header(deadResult, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.RECO_RESULTS.name());
        assertThat(Drivers.header(deadControl(), DeadLetterHeaders.ERROR)).contains("version");
        assertThat(store.versions().versionStatus("v1")).isEmpty();
    }

    private org.apache.kafka.streams.test.TestRecord<String, byte[]> deadControl() {
        return controlDeadLetters.readRecord();
    }

    private List<byte[]> announcementsOfType(ControlType type) {
        return announcements.readValuesToList().stream()
                .filter(bytes -> Drivers.decode(Contract.CONTROL_EVENT, bytes).type() == type)
                .toList();
    }

    private void sendBatch(String version, String productId, long expectedTotal) {
        results.pipeInput(productId, Drivers.encode(Contract.RECO_RESULT, new RecoResult(UUID.randomUUID(), RecoResult.SCHEMA_VERSION,
                ResultKind.BATCH, version, productId, ITEMS, Drivers.START, expectedTotal)));
    }

    private void sendUserList(String version, String userId, long expectedTotal) {
        results.pipeInput(userId, Drivers.encode(Contract.RECO_RESULT,
                RecoResult.forUser(UUID.randomUUID(), version, userId, ITEMS, Drivers.START, expectedTotal)));
    }

    private void requestActivation(String version, String actor) {
        control.pipeInput(null, Drivers.encode(Contract.CONTROL_EVENT, activation(version, actor)));
    }

    private static ControlEvent activation(String version, String actor) {
        return ControlEvent.version(ControlType.ACTIVATION_REQUESTED, actor, new VersionInfo(version, null, null), Drivers.START);
    }
}
