package io.nightshift.featurestore;

import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.redis.RedisKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@RealServers
class CohortCountsTest {

    private TestRedis redis;
    private FeatureStore store;
    private final Instant now = Instant.now();
    private final LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);

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
    void answersAndClicksCountOncePerRequestIdInTheAnswersCohortAndDay() {
        CohortCounts counts = store.cohortCounts();
        counts.served("a", "r-1", now);
        counts.served("a", "r-1", now); // the same record processed again after a crash
        counts.served("a", "r-2", now);
        counts.served("b", "r-3", now);
        Instant yesterday = now.minus(Duration.ofDays(1));
        counts.served("b", "r-4", yesterday);

        assertThat(counts.clicked("r-1")).isTrue();
        assertThat(counts.clicked("r-1")).isTrue(); // a second click on the same answer
        assertThat(counts.clicked("r-4")).isTrue();
        assertThat(counts.clicked("r-never-served")).isFalse();

        var read = counts.counts(List.of("a", "b", "c"), today, 3);
        assertThat(read.keySet()).containsExactly("a", "b", "c");
        assertThat(read.get("a").getFirst()).isEqualTo(new CohortCounts.DayCount(today, 2, 1));
        assertThat(read.get("b")).containsExactly(new CohortCounts.DayCount(today, 1, 0),
                new CohortCounts.DayCount(today.minusDays(1), 1, 1), new CohortCounts.DayCount(today.minusDays(2), 0, 0));
        assertThat(read.get("c")).allSatisfy(day -> assertThat(day.served()).isZero());
    }

    @Test
    void daysExpireAfterTheKeptWeekAndAnswersTooOldAreNotCounted() {
        CohortCounts counts = store.cohortCounts();
        counts.served("a", "r-1", now);
        try (var jedis = redis.raw()) {
            long ttl = jedis.pttl(RedisKeys.cohortServed("a", today.toString()));
        long dayEnd = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            assertThat(ttl).isPositive().isLessThanOrEqualTo(dayEnd + RedisKeys.COHORT_DAYS_TTL.toMillis() - now.toEpochMilli() + 1_000)
                    .isGreaterThan(RedisKeys.COHORT_DAYS_TTL.toMillis() - 60_000);
            assertThat(jedis.pttl(RedisKeys.cohortAnswer("r-1"))).isPositive().isLessThanOrEqualTo(RedisKeys.COHORT_ANSWER_TTL.toMillis());

            counts.served("a", "r-old", now.minus(Duration.ofDays(30)));
            assertThat(jedis.exists(RedisKeys.cohortAnswer("r-old"))).isFalse();
            assertThat(counts.clicked("r-old")).isFalse();
        }
    }

    @Test
    void cohortNamesOutsideTheConfigurablePatternAreRefused() {
        assertThat(CohortCounts.countable("a")).isTrue();
        assertThat(CohortCounts.countable("group A")).isFalse();
        assertThat(CohortCounts.countable("x".repeat(65))).isFalse();
        assertThatThrownBy(() -> store.cohortCounts().served("ns:evil", "r-1", now)).isInstanceOf(IllegalArgumentException.class);
    }
}
