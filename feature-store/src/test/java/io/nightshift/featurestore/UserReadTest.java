package io.nightshift.featurestore;

import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.Tier;
import io.nightshift.schemas.redis.RedisKeys;
import io.nightshift.schemas.result.ScoredItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@RealServers
class UserReadTest {

    private static final Instant COMPUTED_AT = Instant.parse("2026-11-24T03:15:00Z");
    private static final List<ScoredItem> V1_ITEMS = List.of(new ScoredItem("p-2", 0.75), new ScoredItem("p-3", 0.5));
    private static final List<ScoredItem> V2_ITEMS = List.of(new ScoredItem("p-4", 0.25));

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
    void readsEverythingOneForYouAnswerNeeds() {
        givenTwoVersionsWithV1Active();
        store.features().setPopular("p-9", 2);
        store.features().setPopular("p-10", 5);
        // Sent out of order: read by when they were seen.
        store.features().pushRecent("u-1", "p-12", COMPUTED_AT.plusSeconds(60));
        store.features().pushRecent("u-1", "p-15", COMPUTED_AT.minusSeconds(60));
        store.features().pushRecent("u-1", "p-11", COMPUTED_AT);
        store.features().recordPurchase("u-1", "p-13");
        store.features().pushRecent("u-2", "p-14", Instant.now());
        store.controls().setTierDisabled(Tier.TRENDING, true);

        UserSnapshot snapshot = store.serving().userRead("u-1", null, 10);

        assertThat(snapshot.activeVersion()).contains("v1");
        assertThat(snapshot.servedVersion()).contains("v1");
        assertThat(snapshot.userList()).contains(new StoredList("v1", COMPUTED_AT, V1_ITEMS));
        assertThat(snapshot.recentItems()).containsExactly("p-12", "p-11", "p-15");
        assertThat(snapshot.purchased()).containsExactly("p-13");
        assertThat(snapshot.popular()).containsExactly(new ScoredItem("p-10", 5), new ScoredItem("p-9", 2));
        assertThat(snapshot.disabledTiers()).containsExactly(Tier.TRENDING);
    }

    @Test
    void servesAPinnedCohortItsVersionsListAndEveryoneElseTheActiveOnes() {
        givenTwoVersionsWithV1Active();
        store.controls().pinCohort("b", "v2");

        UserSnapshot pinned = store.serving().userRead("u-1", "b", 10);
        UserSnapshot unpinned = store.serving().userRead("u-1", "a", 10);

        assertThat(pinned.activeVersion()).contains("v1");
        assertThat(pinned.servedVersion()).contains("v2");
        assertThat(pinned.userList()).map(StoredList::items).contains(V2_ITEMS);
        assertThat(unpinned.servedVersion()).contains("v1");
        assertThat(unpinned.userList()).map(StoredList::items).contains(V1_ITEMS);
    }

    @Test
    void followsAnActivationOnTheNextRead() {
        givenTwoVersionsWithV1Active();

        store.versions().activate("v2", "owner");

        UserSnapshot snapshot = store.serving().userRead("u-1", null, 10);
        assertThat(snapshot.servedVersion()).contains("v2");
        assertThat(snapshot.userList()).map(StoredList::items).contains(V2_ITEMS);
    }

    @Test
    void aShopperWithoutAListStillGetsTheOtherParts() {
        givenTwoVersionsWithV1Active();
        store.features().setPopular("p-9", 1);
        store.features().pushRecent("u-new", "p-11", Instant.now());

        UserSnapshot snapshot = store.serving().userRead("u-new", null, 10);

        assertThat(snapshot.servedVersion()).contains("v1");
        assertThat(snapshot.userList()).isEmpty();
        assertThat(snapshot.recentItems()).containsExactly("p-11");
        assertThat(snapshot.popular()).containsExactly(new ScoredItem("p-9", 1));
    }

    @Test
    void withoutAnActiveVersionThereIsNoUserList() {
        store.versions().stageUserList("v1", "u-1", V1_ITEMS, COMPUTED_AT, 1);

        UserSnapshot snapshot = store.serving().userRead("u-1", null, 10);

        assertThat(snapshot.activeVersion()).isEmpty();
        assertThat(snapshot.servedVersion()).isEmpty();
        assertThat(snapshot.userList()).isEmpty();
    }

    @Test
    void readsAtMostTheRequestedNumberOfPopularCandidates() {
        for (int i = 1; i <= 5; i++) {
            store.features().setPopular("q-" + i, i);
        }

        assertThat(store.serving().userRead("u-1", null, 2).popular()).extracting(ScoredItem::productId).containsExactly("q-5", "q-4");
        assertThat(store.serving().userRead("u-1", null, 0).popular()).isEmpty();
    }

    @Test
    void anUnreadableUserListCostsTheListNotTheAnswer() {
        givenTwoVersionsWithV1Active();
        store.features().pushRecent("u-1", "p-11", Instant.now());
        try (Jedis jedis = redis.raw()) {
            jedis.set(RedisKeys.userVersionList("v1", "u-1"), "not a list");
        }

        UserSnapshot snapshot = store.serving().userRead("u-1", null, 10);

        assertThat(snapshot.userList()).isEmpty();
        assertThat(snapshot.recentItems()).containsExactly("p-11");
    }

    @Test
    void refusesABlankUser() {
        assertThatThrownBy(() -> store.serving().userRead(" ", null, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.serving().userRead(null, null, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isExactlyOneRoundTrip() {
        givenTwoVersionsWithV1Active();
        store.features().pushRecent("u-1", "p-11", Instant.now());
        store.features().recordPurchase("u-1", "p-13");
        store.features().setPopular("p-9", 1);
        var sockets = new RoundTripCountingSockets(redis.host(), redis.port(), (int) TestRedis.TEST_TIMEOUT.toMillis());
        try (FeatureStore counted = new FeatureStore(redis.settings(), sockets, Clock.systemUTC())) {
            // Opens the pooled connection and caches the script in Redis.
            counted.serving().userRead("u-1", "b", 10);
            int before = sockets.roundTrips();

            UserSnapshot snapshot = counted.serving().userRead("u-1", "b", 10);

            assertThat(sockets.roundTrips() - before).isEqualTo(1);
            assertThat(snapshot.userList()).isPresent();
            assertThat(snapshot.recentItems()).containsExactly("p-11");
            assertThat(snapshot.purchased()).containsExactly("p-13");
            assertThat(snapshot.popular()).hasSize(1);
        }
    }

    @Test
    void recoversFromAFlushedScriptCacheOnTheFirstCall() {
        givenTwoVersionsWithV1Active();
        store.serving().userRead("u-1", null, 10);
        try (Jedis jedis = redis.raw()) {
            jedis.scriptFlush();
        }

        assertThat(store.serving().userRead("u-1", null, 10).userList()).map(StoredList::items).contains(V1_ITEMS);
    }

    private void givenTwoVersionsWithV1Active() {
        store.versions().stageList("v1", "p-1", V1_ITEMS, COMPUTED_AT, 2);
        store.versions().stageUserList("v1", "u-1", V1_ITEMS, COMPUTED_AT, 2);
        store.versions().stageList("v2", "p-1", V2_ITEMS, COMPUTED_AT, 2);
        store.versions().stageUserList("v2", "u-1", V2_ITEMS, COMPUTED_AT, 2);
        store.versions().activate("v1", "scheduler");
    }
}
