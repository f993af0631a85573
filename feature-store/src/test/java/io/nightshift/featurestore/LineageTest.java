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
        store.stageList("v1", "p-1", ITEMS, COMPUTED_AT, 1);

        store.putLineage("v1", LINEAGE);

        assertThat(store.lineage("v1")).contains(LINEAGE);
        assertThat(store.versionStatus("v1")).contains(new VersionStatus("v1", 1, 1, true));
    }

    @Test
    void theLatestLineageWinsAndOptionalPartsMayBeAbsent() {
        store.putLineage("v1", LINEAGE);
        Lineage bare = new Lineage("cooccurrence", null, null, null, null);

        store.putLineage("v1", bare);

        assertThat(store.lineage("v1")).contains(bare);
    }

    @Test
    void aVersionWithoutLineageHasNone() {
        store.stageList("v1", "p-1", ITEMS, COMPUTED_AT, 1);

        assertThat(store.lineage("v1")).isEmpty();
        assertThat(store.lineage("never")).isEmpty();
    }

    @Test
    void aLineageBeforeAnyListGivesTheVersionNoStatusAndNoWayToBeServed() {
        store.putLineage("v1", LINEAGE);

        assertThat(store.versionStatus("v1")).isEmpty();
        assertThat(store.activate("v1", "owner").refusal()).hasValueSatisfying(r -> assertThat(r).contains("unknown model version v1"));
        assertThatThrownBy(() -> store.pinCohort("b", "v1")).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.activeVersion()).isEmpty();
        assertThat(store.cohortPins()).isEmpty();
    }

    @Test
    void aLineageBeforeTheListsIsKeptAndTheVersionCompletesAtItsLastList() {
        store.putLineage("v1", LINEAGE);

        VersionStatus first = store.stageList("v1", "p-1", ITEMS, COMPUTED_AT, 2);
        VersionStatus second = store.stageUserList("v1", "u-1", ITEMS, COMPUTED_AT, 2);

        assertThat(first).isEqualTo(new VersionStatus("v1", 2, 1, false));
        assertThat(second).isEqualTo(new VersionStatus("v1", 2, 2, true));
        assertThat(store.lineage("v1")).contains(LINEAGE);
        assertThat(store.activate("v1", "owner").switched()).isTrue();
    }

    @Test
    void aLineageForAnIncompleteVersionDoesNotCompleteIt() {
        store.stageList("v1", "p-1", ITEMS, COMPUTED_AT, 2);

        store.putLineage("v1", LINEAGE);

        assertThat(store.versionStatus("v1")).contains(new VersionStatus("v1", 2, 1, false));
        assertThat(store.activate("v1", "owner").refused()).isTrue();
    }

    @Test
    void retiringAVersionRemovesItsLineage() {
        for (String version : List.of("v1", "v2", "v3")) {
            store.stageList(version, "p-1", ITEMS, COMPUTED_AT, 1);
            store.putLineage(version, LINEAGE);
        }
        store.activate("v2", "owner");
        store.activate("v3", "owner");

        assertThat(store.retireVersionsExcept(Set.of())).containsExactly("v1");

        assertThat(store.lineage("v1")).isEmpty();
        assertThat(store.lineage("v2")).contains(LINEAGE);
    }

    @Test
    void aLineageWhoseListsAreStillComingIsSparedForTheStagingGraceOnly() {
        Instant at = Instant.parse("2026-11-24T06:00:00Z");
        try (FeatureStore then = redis.store(Clock.fixed(at, ZoneOffset.UTC));
             FeatureStore later = redis.store(Clock.fixed(at.plus(RedisFeatureStore.STAGING_GRACE).plusSeconds(1), ZoneOffset.UTC))) {
            then.putLineage("v1", LINEAGE);

            assertThat(then.retireVersionsExcept(Set.of())).isEmpty();
            assertThat(then.lineage("v1")).contains(LINEAGE);

            assertThat(later.retireVersionsExcept(Set.of())).containsExactly("v1");
            assertThat(later.lineage("v1")).isEmpty();
        }
    }

    @Test
    void aLateLineageDoesNotResurrectARetiredVersion() {
        stageAndRetire("v1");

        store.putLineage("v1", LINEAGE);

        assertThat(store.versionStatus("v1")).isEmpty();
        assertThat(store.versionList("v1", "p-1")).isEmpty();
        assertThat(store.activate("v1", "owner").refused()).isTrue();
    }

    @Test
    void listsLeftWithoutCountAreOrphansEvenWhenALateLineageRecreatedTheMeta() {
        // An interrupted retirement (meta gone, lists left), then a replayed version_published.
        store.stageList("v1", "p-1", ITEMS, COMPUTED_AT, 2);
        store.stageUserList("v1", "u-1", ITEMS, COMPUTED_AT, 2);
        try (Jedis jedis = redis.raw()) {
            jedis.del(RedisKeys.versionMeta("v1"));
        }
        store.putLineage("v1", LINEAGE);

        store.retireVersionsExcept(Set.of());

        assertThat(store.versionList("v1", "p-1")).isEmpty();
        assertThat(store.userVersionList("v1", "u-1")).isEmpty();
    }

    @Test
    void aRollbackIsRefusedWhenThePreviousVersionOnlyHasALateLineage() {
        store.stageList("v1", "p-1", ITEMS, COMPUTED_AT, 1);
        store.stageList("v2", "p-1", ITEMS, COMPUTED_AT, 1);
        store.activate("v1", "owner");
        store.activate("v2", "owner");
        // The previous version's meta lost behind the store's back, then its lineage replayed.
        try (Jedis jedis = redis.raw()) {
            jedis.del(RedisKeys.versionMeta("v1"));
        }
        store.putLineage("v1", LINEAGE);

        ActivationResult result = store.rollback("owner");

        assertThat(result.refusal()).hasValueSatisfying(r -> assertThat(r).contains("retired"));
        assertThat(store.activeVersion()).contains("v2");
    }

    @Test
    void anUnreadableLineageIsNoLineage() {
        store.stageList("v1", "p-1", ITEMS, COMPUTED_AT, 1);
        try (Jedis jedis = redis.raw()) {
            jedis.hset(RedisKeys.versionMeta("v1"), "lineage", "{not json");
        }

        assertThat(store.lineage("v1")).isEmpty();
        assertThat(store.versionStatus("v1")).isPresent();
    }

    @Test
    void refusesAMissingLineageOrAnInvalidVersion() {
        assertThatThrownBy(() -> store.putLineage("v1", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.putLineage("v 1*", LINEAGE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.lineage("v 1*")).isInstanceOf(IllegalArgumentException.class);
    }

    private void stageAndRetire(String version) {
        store.stageList(version, "p-1", ITEMS, COMPUTED_AT, 1);
        store.stageList("keep", "p-1", ITEMS, COMPUTED_AT, 1);
        store.activate("keep", "owner");
        assertThat(store.retireVersionsExcept(Set.of())).containsExactly(version);
    }
}
