package io.nightshift.featurestore;

import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.redis.RedisKeys;
import io.nightshift.schemas.result.ScoredItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.nightshift.featurestore.FeatureStoreProbe.probe;

@RealServers
class ModelVersionsTest {

    private static final Instant COMPUTED_AT = Instant.parse("2026-11-24T03:15:00Z");
    private static final List<ScoredItem> ITEMS = List.of(new ScoredItem("p-2", 0.5), new ScoredItem("p-3", 0.25));

    private TestRedis redis;
    private FeatureStore store;

    @BeforeEach
    void connect(RedisEndpoint endpoint) {
        redis = TestRedis.of(endpoint).wiped();
        store = redis.store();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void restagingTheSameProductDoesNotCountTwice() {
        store.versions().stageList("v1", "p-1", ITEMS, COMPUTED_AT, 3);
        List<ScoredItem> replaced = List.of(new ScoredItem("p-9", 0.75));

        VersionStatus status = store.versions().stageList("v1", "p-1", replaced, COMPUTED_AT, 3);

        assertThat(status).isEqualTo(new VersionStatus("v1", 3, 1, false));
        assertThat(store.versions().versionStatus("v1")).contains(status);
        assertThat(probe(store).versionList("v1", "p-1")).map(StoredList::items).contains(replaced);
    }

    @Test
    void aVersionIsCompleteOnceEveryExpectedListIsStaged() {
        assertThat(store.versions().stageList("v1", "p-1", ITEMS, COMPUTED_AT, 2).complete()).isFalse();

        VersionStatus status = store.versions().stageList("v1", "p-2", ITEMS, COMPUTED_AT, 2);

        assertThat(status).isEqualTo(new VersionStatus("v1", 2, 2, true));
    }

    @Test
    void anUnknownVersionHasNoStatus() {
        assertThat(store.versions().versionStatus("never")).isEmpty();
    }

    @Test
    void refusesToActivateAHalfLoadedVersion() {
        store.versions().stageList("v1", "p-1", ITEMS, COMPUTED_AT, 2);

        ActivationResult result = store.versions().activate("v1", "owner");

        assertThat(result.switched()).isFalse();
        assertThat(result.refusal()).hasValueSatisfying(r -> assertThat(r).contains("incomplete").contains("loaded 1 of 2"));
        assertThat(store.versions().activeVersion()).isEmpty();
        assertThat(probe(store).versionHistory()).isEmpty();
    }

    @Test
    void refusesToActivateAnUnknownVersion() {
        ActivationResult result = store.versions().activate("v404", "owner");

        assertThat(result.refusal()).hasValueSatisfying(r -> assertThat(r).contains("unknown model version v404"));
        assertThat(store.versions().activeVersion()).isEmpty();
    }

    @Test
    void activationMakesTheOldActiveVersionPreviousAndRecordsWhoDidIt() {
        var at = Instant.parse("2026-11-24T06:00:00Z");
        try (FeatureStore clocked = redis.store(Clock.fixed(at, ZoneOffset.UTC))) {
            stageComplete("v1");
            stageComplete("v2");
            clocked.versions().activate("v1", "scheduler");

            ActivationResult result = clocked.versions().activate("v2", "owner");

            assertThat(result).isEqualTo(new ActivationResult(true, "v2", "v1", java.util.Optional.empty()));
            assertThat(clocked.versions().activeVersion()).contains("v2");
            assertThat(clocked.versions().previousVersion()).contains("v1");
            assertThat(probe(clocked).versionHistory()).containsExactly("v2", "v1");
            assertThat(clocked.versions().activations().getFirst())
                    .isEqualTo(new VersionActivation("v2", "owner", at, VersionActivation.Action.ACTIVATE));
        }
    }

    @Test
    void activatingTheActiveVersionAgainChangesNothing() {
        stageComplete("v1");
        store.versions().activate("v1", "owner");

        ActivationResult again = store.versions().activate("v1", "owner");

        assertThat(again.switched()).isFalse();
        assertThat(again.refused()).isFalse();
        assertThat(probe(store).versionHistory()).containsExactly("v1");
    }

    @Test
    void rollbackSwapsActiveAndPrevious() {
        stageComplete("v1");
        stageComplete("v2");
        store.versions().activate("v1", "scheduler");
        store.versions().activate("v2", "scheduler");

        ActivationResult result = store.versions().rollback("owner");

        assertThat(result.switched()).isTrue();
        assertThat(store.versions().activeVersion()).contains("v1");
        assertThat(store.versions().previousVersion()).contains("v2");
        assertThat(store.versions().activations().getFirst().action()).isEqualTo(VersionActivation.Action.ROLLBACK);
        assertThat(store.versions().activations().getFirst().actor()).isEqualTo("owner");
        assertThat(probe(store).versionHistory()).containsExactly("v1", "v2", "v1");
    }

    @Test
    void refusesARollbackWithoutAPreviousVersion() {
        stageComplete("v1");
        store.versions().activate("v1", "scheduler");

        ActivationResult result = store.versions().rollback("owner");

        assertThat(result.switched()).isFalse();
        assertThat(result.refusal()).hasValueSatisfying(r -> assertThat(r).contains("no previous"));
        assertThat(store.versions().activeVersion()).contains("v1");
    }

    @Test
    void theHistoryKeepsOnlyTheNewestActivations() {
        stageComplete("v1");
        stageComplete("v2");
        for (int i = 0; i < RedisKeys.VERSION_HISTORY_CAP + 5; i++) {
            store.versions().activate(i % 2 == 0 ? "v1" : "v2", "owner");
        }

        assertThat(probe(store).versionHistory()).hasSize(RedisKeys.VERSION_HISTORY_CAP);
    }

    @Test
    void retiringVersionsRemovesTheirListsAndMetadata() {
        for (String version : List.of("v1", "v2", "v3", "v4")) {
            stageComplete(version);
        }
        store.versions().activate("v2", "owner");
        store.versions().activate("v3", "owner");

        List<String> removed = store.versions().retireVersionsExcept(Set.of());

        assertThat(removed).containsExactly("v1", "v4");
        assertThat(keysMatching(RedisKeys.versionListPattern("v1"))).isEmpty();
        assertThat(keysMatching(RedisKeys.versionListPattern("v4"))).isEmpty();
        assertThat(store.versions().versionStatus("v1")).isEmpty();
        assertThat(store.versions().versionStatus("v4")).isEmpty();
        assertThat(keysMatching(RedisKeys.versionListPattern("v2"))).hasSize(2);
        assertThat(keysMatching(RedisKeys.versionListPattern("v3"))).hasSize(2);
        assertThat(store.versions().rollback("owner").switched()).isTrue();
    }

    @Test
    void retiringKeepsTheNamedAndPinnedVersions() {
        for (String version : List.of("v1", "v2", "v3")) {
            stageComplete(version);
        }
        store.controls().pinCohort("b", "v2");

        List<String> removed = store.versions().retireVersionsExcept(Set.of("v1"));

        assertThat(removed).containsExactly("v3");
        assertThat(store.versions().versionStatus("v1")).isPresent();
        assertThat(store.versions().versionStatus("v2")).isPresent();
    }

    @Test
    void retiringSparesAVersionThatIsStillLoading() {
        store.versions().stageList("v5", "p-1", ITEMS, COMPUTED_AT, 10);

        List<String> removed = store.versions().retireVersionsExcept(Set.of());

        assertThat(removed).isEmpty();
        assertThat(probe(store).versionList("v5", "p-1")).isPresent();
    }

    @Test
    void refusesToPinACohortToAHalfLoadedVersion() {
        store.versions().stageList("v1", "p-1", ITEMS, COMPUTED_AT, 2);

        assertThatThrownBy(() -> store.controls().pinCohort("b", "v1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loaded 1 of 2");
        assertThat(store.controls().cohortPins()).isEmpty();
    }

    @Test
    void pinsAndUnpinsACohort() {
        stageComplete("v1");

        store.controls().pinCohort("b", "v1");
        assertThat(store.controls().cohortPins()).containsEntry("b", "v1");

        store.controls().unpinCohort("b");
        assertThat(store.controls().cohortPins()).isEmpty();
    }

    @Test
    void readsBackEveryListOfOneVersionAndNoOther() {
        stageComplete("v1");
        store.versions().stageUserList("v1", "u-1", ITEMS, COMPUTED_AT, 3);
        store.versions().stageList("v10", "p-1", List.of(new ScoredItem("p-9", 0.1)), COMPUTED_AT, 1);
        List<VersionList> read = new ArrayList<>();

        store.versions().forEachList("v1", read::add);

        StoredList stored = new StoredList("v1", COMPUTED_AT, ITEMS);
        assertThat(read).containsExactlyInAnyOrder(new VersionList(false, "p-1", stored), new VersionList(false, "p-2", stored),
                new VersionList(true, "u-1", stored));
    }

    @Test
    void refusesAModelVersionTheSchemasWouldRefuse() {
        assertThatThrownBy(() -> store.versions().stageList("v 1*", "p-1", ITEMS, COMPUTED_AT, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void stageComplete(String version) {
        store.versions().stageList(version, "p-1", ITEMS, COMPUTED_AT, 2);
        store.versions().stageList(version, "p-2", ITEMS, COMPUTED_AT, 2);
    }

    private List<String> keysMatching(String pattern) {
        try (Jedis jedis = redis.raw()) {
            var keys = new ArrayList<String>();
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                var page = jedis.scan(cursor, new ScanParams().match(pattern).count(100));
                keys.addAll(page.getResult());
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            return keys;
        }
    }
}
