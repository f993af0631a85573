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

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.nightshift.featurestore.FeatureStoreProbe.probe;

/** Shoppers' "for you" lists: staged and counted with the product lists, retired with them. */
@RealServers
class UserListsTest {

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
    void aVersionWithProductAndUserListsCompletesAtTheirSum() {
        store.versions().stageList("v1", "p-1", ITEMS, COMPUTED_AT, 4);
        store.versions().stageUserList("v1", "u-1", ITEMS, COMPUTED_AT, 4);
        VersionStatus three = store.versions().stageList("v1", "p-2", ITEMS, COMPUTED_AT, 4);

        assertThat(three).isEqualTo(new VersionStatus("v1", 4, 3, false));
        assertThat(store.versions().activate("v1", "owner").refused()).isTrue();

        VersionStatus four = store.versions().stageUserList("v1", "u-2", ITEMS, COMPUTED_AT, 4);

        assertThat(four).isEqualTo(new VersionStatus("v1", 4, 4, true));
        assertThat(store.versions().versionStatus("v1")).contains(four);
        assertThat(store.versions().activate("v1", "owner").switched()).isTrue();
    }

    @Test
    void restagingAUserListReplacesItWithoutCountingTwice() {
        store.versions().stageUserList("v1", "u-1", ITEMS, COMPUTED_AT, 2);
        List<ScoredItem> replaced = List.of(new ScoredItem("p-9", 0.75));

        VersionStatus status = store.versions().stageUserList("v1", "u-1", replaced, COMPUTED_AT, 2);

        assertThat(status).isEqualTo(new VersionStatus("v1", 2, 1, false));
        assertThat(probe(store).userVersionList("v1", "u-1")).contains(new StoredList("v1", COMPUTED_AT, replaced));
    }

    @Test
    void aUserAndAProductWithTheSameIdAreTwoLists() {
        store.versions().stageList("v1", "x-1", ITEMS, COMPUTED_AT, 2);

        VersionStatus status = store.versions().stageUserList("v1", "x-1", List.of(new ScoredItem("p-9", 1)), COMPUTED_AT, 2);

        assertThat(status.complete()).isTrue();
        assertThat(probe(store).versionList("v1", "x-1")).map(StoredList::items).contains(ITEMS);
        assertThat(probe(store).userVersionList("v1", "x-1")).map(StoredList::items).contains(List.of(new ScoredItem("p-9", 1)));
    }

    @Test
    void aUserWithoutAListInTheVersionHasNone() {
        store.versions().stageUserList("v1", "u-1", ITEMS, COMPUTED_AT, 1);

        assertThat(probe(store).userVersionList("v1", "u-2")).isEmpty();
        assertThat(probe(store).userVersionList("v2", "u-1")).isEmpty();
    }

    @Test
    void retiringAVersionRemovesItsUserLists() {
        for (String version : List.of("v1", "v2", "v3")) {
            store.versions().stageList(version, "p-1", ITEMS, COMPUTED_AT, 2);
            store.versions().stageUserList(version, "u-1", ITEMS, COMPUTED_AT, 2);
        }
        store.versions().activate("v2", "owner");
        store.versions().activate("v3", "owner");

        List<String> removed = store.versions().retireVersionsExcept(Set.of());

        assertThat(removed).containsExactly("v1");
        assertThat(keys(RedisKeys.userVersionListPattern("v1"))).isEmpty();
        assertThat(keys(RedisKeys.versionListPattern("v1"))).isEmpty();
        assertThat(probe(store).userVersionList("v2", "u-1")).isPresent();
        assertThat(probe(store).userVersionList("v3", "u-1")).isPresent();
    }

    @Test
    void retiringRemovesUserListsWhoseVersionLostItsMeta() {
        // What an interrupted retirement leaves behind: lists whose meta is already gone.
        store.versions().stageList("v1", "p-1", ITEMS, COMPUTED_AT, 2);
        store.versions().stageUserList("v1", "u-1", ITEMS, COMPUTED_AT, 2);
        store.versions().stageUserList("v1", "u-2", ITEMS, COMPUTED_AT, 2);
        try (Jedis jedis = redis.raw()) {
            jedis.del(RedisKeys.versionMeta("v1"));
        }

        List<String> removed = store.versions().retireVersionsExcept(Set.of());

        assertThat(removed).containsExactly("v1");
        assertThat(keys(RedisKeys.userVersionListPattern("v1"))).isEmpty();
        assertThat(keys(RedisKeys.versionListPattern("v1"))).isEmpty();
    }

    @Test
    void refusesABlankUserOrAnInvalidVersion() {
        assertThatThrownBy(() -> store.versions().stageUserList("v1", " ", ITEMS, COMPUTED_AT, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.versions().stageUserList("v 1*", "u-1", ITEMS, COMPUTED_AT, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.versions().stageUserList("v1", "u-1", ITEMS, COMPUTED_AT, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.versions().versionStatus("v1")).isEmpty();
    }

    private List<String> keys(String pattern) {
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
