package io.nightshift.featurestore;

import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.control.Lineage;
import io.nightshift.schemas.redis.RedisKeys;
import io.nightshift.schemas.result.ScoredItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.nightshift.featurestore.FeatureStoreProbe.probe;

/** A version's lineage lives in its meta hash, next to the loading status it must not disturb. */
@RealServers
class LineageTest {

    private static final Instant COMPUTED_AT = Instant.parse("2026-11-24T03:15:00Z");
    private static final List<ScoredItem> ITEMS = List.of(new ScoredItem("p-2", 0.5));
    private static final Lineage LINEAGE = new Lineage("ease", Map.of("lambda", "250.0"),
            Map.of("ndcg@10", 0.3125, "recall@20", 0.5), "shop.events.v1:0-1200,1-980", "1.4.2+abc123");

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
    void aLineageReadsBackAsItWasWritten() {
        store.versions().stageList("v1", "p-1", ITEMS, COMPUTED_AT, 1);

        store.versions().putLineage("v1", LINEAGE);

        assertThat(store.versions().lineage("v1")).contains(LINEAGE);
        assertThat(store.versions().versionStatus("v1")).contains(new VersionStatus("v1", 1, 1, true));
    }

    @Test
    void theLatestLineageWinsAndOptionalPartsMayBeAbsent() {
        store.versions().putLineage("v1", LINEAGE);
        Lineage bare = new Lineage("cooccurrence", null, null, null, null);

        store.versions().putLineage("v1", bare);

        assertThat(store.versions().lineage("v1")).contains(bare);
    }

    @Test
    void aVersionWithoutLineageHasNone() {
        store.versions().stageList("v1", "p-1", ITEMS, COMPUTED_AT, 1);

        assertThat(store.versions().lineage("v1")).isEmpty();
        assertThat(store.versions().lineage("never")).isEmpty();
    }

    @Test
    void aLineageBeforeAnyListGivesTheVersionNoStatusAndNoWayToBeServed() {
        store.versions().putLineage("v1", LINEAGE);

        assertThat(store.versions().versionStatus("v1")).isEmpty();
        assertThat(store.versions().activate("v1", "owner").refusal()).hasValueSatisfying(r -> assertThat(r).contains("unknown model version v1"));
        assertThatThrownBy(() -> store.controls().pinCohort("b", "v1")).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.versions().activeVersion()).isEmpty();
        assertThat(store.controls().cohortPins()).isEmpty();
    }

    @Test
    void aLineageBeforeTheListsIsKeptAndTheVersionCompletesAtItsLastList() {
        store.versions().putLineage("v1", LINEAGE);

        VersionStatus first = store.versions().stageList("v1", "p-1", ITEMS, COMPUTED_AT, 2);
        VersionStatus second = store.versions().stageUserList("v1", "u-1", ITEMS, COMPUTED_AT, 2);

        assertThat(first).isEqualTo(new VersionStatus("v1", 2, 1, false));
        assertThat(second).isEqualTo(new VersionStatus("v1", 2, 2, true));
        assertThat(store.versions().lineage("v1")).contains(LINEAGE);
        assertThat(store.versions().activate("v1", "owner").switched()).isTrue();
    }

    @Test
    void aLineageForAnIncompleteVersionDoesNotCompleteIt() {
        store.versions().stageList("v1", "p-1", ITEMS, COMPUTED_AT, 2);

        store.versions().putLineage("v1", LINEAGE);

        assertThat(store.versions().versionStatus("v1")).contains(new VersionStatus("v1", 2, 1, false));
        assertThat(store.versions().activate("v1", "owner").refused()).isTrue();
    }

    @Test
    void retiringAVersionRemovesItsLineage() {
        for (String version : List.of("v1", "v2", "v3")) {
            store.versions().stageList(version, "p-1", ITEMS, COMPUTED_AT, 1);
            store.versions().putLineage(version, LINEAGE);
        }
        store.versions().activate("v2", "owner");
        store.versions().activate("v3", "owner");

        assertThat(store.versions().retireVersionsExcept(Set.of())).containsExactly("v1");

        assertThat(store.versions().lineage("v1")).isEmpty();
        assertThat(store.versions().lineage("v2")).contains(LINEAGE);
    }

    @Test
    void aLineageWhoseListsAreStillComingIsSparedForTheStagingGraceOnly() {
        Instant at = Instant.parse("2026-11-24T06:00:00Z");
        try (FeatureStore then = redis.store(Clock.fixed(at, ZoneOffset.UTC));
             FeatureStore later = redis.store(Clock.fixed(at.plus(RedisModelVersions.STAGING_GRACE).plusSeconds(1), ZoneOffset.UTC))) {
            then.versions().putLineage("v1", LINEAGE);

            assertThat(then.versions().retireVersionsExcept(Set.of())).isEmpty();
            assertThat(then.versions().lineage("v1")).contains(LINEAGE);

            assertThat(later.versions().retireVersionsExcept(Set.of())).containsExactly("v1");
            assertThat(later.versions().lineage("v1")).isEmpty();
        }
    }

    @Test
    void aLateLineageDoesNotResurrectARetiredVersion() {
        stageAndRetire("v1");

        store.versions().putLineage("v1", LINEAGE);

        assertThat(store.versions().versionStatus("v1")).isEmpty();
        assertThat(probe(store).versionList("v1", "p-1")).isEmpty();
        assertThat(store.versions().activate("v1", "owner").refused()).isTrue();
    }

    @Test
    void listsLeftWithoutCountAreOrphansEvenWhenALateLineageRecreatedTheMeta() {
        // An interrupted retirement (meta gone, lists left), then a replayed version_published.
        store.versions().stageList("v1", "p-1", ITEMS, COMPUTED_AT, 2);
        store.versions().stageUserList("v1", "u-1", ITEMS, COMPUTED_AT, 2);
        try (Jedis jedis = redis.raw()) {
            jedis.del(RedisKeys.versionMeta("v1"));
        }
        store.versions().putLineage("v1", LINEAGE);

        store.versions().retireVersionsExcept(Set.of());

        assertThat(probe(store).versionList("v1", "p-1")).isEmpty();
        assertThat(probe(store).userVersionList("v1", "u-1")).isEmpty();
    }

    @Test
    void aRollbackIsRefusedWhenThePreviousVersionOnlyHasALateLineage() {
        store.versions().stageList("v1", "p-1", ITEMS, COMPUTED_AT, 1);
        store.versions().stageList("v2", "p-1", ITEMS, COMPUTED_AT, 1);
        store.versions().activate("v1", "owner");
        store.versions().activate("v2", "owner");
        // The previous version's meta lost behind the store's back, then its lineage replayed.
        try (Jedis jedis = redis.raw()) {
            jedis.del(RedisKeys.versionMeta("v1"));
        }
        store.versions().putLineage("v1", LINEAGE);

        ActivationResult result = store.versions().rollback("owner");

        assertThat(result.refusal()).hasValueSatisfying(r -> assertThat(r).contains("retired"));
        assertThat(store.versions().activeVersion()).contains("v2");
    }

    @Test
    void anUnreadableLineageIsNoLineage() {
        store.versions().stageList("v1", "p-1", ITEMS, COMPUTED_AT, 1);
        try (Jedis jedis = redis.raw()) {
            jedis.hset(RedisKeys.versionMeta("v1"), "lineage", "{not json");
        }

        assertThat(store.versions().lineage("v1")).isEmpty();
        assertThat(store.versions().versionStatus("v1")).isPresent();
    }

    @Test
    void refusesAMissingLineageOrAnInvalidVersion() {
        assertThatThrownBy(() -> store.versions().putLineage("v1", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.versions().putLineage("v 1*", LINEAGE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.versions().lineage("v 1*")).isInstanceOf(IllegalArgumentException.class);
    }

    private void stageAndRetire(String version) {
        store.versions().stageList(version, "p-1", ITEMS, COMPUTED_AT, 1);
        store.versions().stageList("keep", "p-1", ITEMS, COMPUTED_AT, 1);
        store.versions().activate("keep", "owner");
        assertThat(store.versions().retireVersionsExcept(Set.of())).containsExactly(version);
    }
}
