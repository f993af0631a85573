package io.nightshift.featurestore;

import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.result.ScoredItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.nightshift.featurestore.FeatureStoreProbe.probe;
import static org.assertj.core.api.Assertions.assertThat;

/** A shopper's data erasure in Redis: what came before it goes, what came after stays, other shoppers are untouched. */
@RealServers
class ForgetShopperTest {

    private static final Instant ERASED_AT = Instant.parse("2026-11-24T09:30:00Z");
    private static final List<ScoredItem> ITEMS = List.of(new ScoredItem("p-2", 0.5));

    private FeatureStore store;

    @BeforeEach
    void connect(RedisEndpoint endpoint) {
        store = TestRedis.of(endpoint).wiped().store();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void forgetsEverythingBeforeTheErasureInEveryVersionAndKeepsWhatCameAfter() {
        OnlineFeatures features = store.features();
        features.pushRecent("u-1", "p-old", ERASED_AT.minus(Duration.ofDays(2)));
        features.pushRecent("u-1", "p-bought-before", ERASED_AT.minus(Duration.ofDays(1)));
        features.recordPurchase("u-1", "p-bought-before");
        features.pushRecent("u-1", "p-bought-after", ERASED_AT.plusSeconds(60));
        features.recordPurchase("u-1", "p-bought-after");
        features.pushRecent("u-2", "p-old", ERASED_AT.minus(Duration.ofDays(2)));
        features.recordPurchase("u-2", "p-old");
        store.versions().stageUserList("v1", "u-1", ITEMS, ERASED_AT, 2);
        store.versions().stageUserList("v1", "u-2", ITEMS, ERASED_AT, 2);
        store.versions().stageUserList("v2", "u-1", ITEMS, ERASED_AT, 5);

        long lists = features.forgetShopper("u-1", ERASED_AT);

        assertThat(lists).isEqualTo(2);
        assertThat(probe(store).recentItems("u-1")).containsExactly("p-bought-after");
        assertThat(probe(store).purchased("u-1")).containsExactly("p-bought-after");
        assertThat(probe(store).userVersionList("v1", "u-1")).isEmpty();
        assertThat(probe(store).userVersionList("v2", "u-1")).isEmpty();
        assertThat(probe(store).recentItems("u-2")).containsExactly("p-old");
        assertThat(probe(store).purchased("u-2")).containsExactly("p-old");
        assertThat(probe(store).userVersionList("v1", "u-2")).isPresent();
        assertThat(store.versions().versionStatus("v1")).hasValueSatisfying(status -> assertThat(status.complete()).isTrue());

        assertThat(features.forgetShopper("u-1", ERASED_AT)).as("again: nothing left to forget").isZero();
        assertThat(probe(store).recentItems("u-1")).containsExactly("p-bought-after");
        assertThat(probe(store).purchased("u-1")).containsExactly("p-bought-after");
    }
}
