package io.nightshift.onlineapi;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.featurestore.FeatureStoreSettings;
import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v1/admin/cohorts} on real servers: weights and shares from the configuration,
 * pins from the store, and the answers and clicks the streams processor counted (written here
 * through the same feature-store role it uses).
 */
@RealServers
class CohortBoardTest {

    private static JsonNode cohort(JsonNode board, String name) {
        for (JsonNode cohort : board.get("cohorts")) {
            if (cohort.get("cohort").asString().equals(name)) {
                return cohort;
            }
        }
        throw new AssertionError(name + " missing from " + board);
    }

    @Test
    @DisplayName("each cohort shows its weight, share, pin, the version it is served and its answers, clicks and click-through rate")
    void showsTheAbTest(KafkaEndpoint kafka, RedisEndpoint redis) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String treated = "t-" + suffix;
        String control = "c-" + suffix;
        try (TestApi api = TestApi.start(kafka, redis, "--nightshift.serving.cohorts." + treated + "=25",
                "--nightshift.serving.cohorts." + control + "=75");
             FeatureStore store = FeatureStore.connect(FeatureStoreSettings.of(redis.host(), redis.port()).withTimeout(Duration.ofSeconds(2)))) {
            Instant now = Instant.now();
            for (int i = 0; i < 4; i++) {
                store.cohortCounts().served(treated, "r-" + suffix + "-" + i, now);
            }
            store.cohortCounts().served(treated, "r-" + suffix + "-old", now.minus(Duration.ofDays(2)));
            store.cohortCounts().clicked("r-" + suffix + "-0");
            store.cohortCounts().clicked("r-" + suffix + "-old");

            HttpResponse<String> read = api.admin("GET", "/api/v1/admin/cohorts", null);
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            JsonNode board = TestApi.json(read);
            assertThat(board.get("days").asInt()).isEqualTo(7);
            assertThat(board.get("today").asString()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
            int total = 0;
            for (JsonNode cohort : board.get("cohorts")) {
                total += cohort.get("weight").asInt();
            }

            JsonNode t = cohort(board, treated);
            assertThat(t.get("weight").asInt()).isEqualTo(25);
            assertThat(t.get("share").asDouble()).isCloseTo(25.0 / total, org.assertj.core.data.Offset.offset(0.0001));
            assertThat(t.get("today").get("served").asLong()).isEqualTo(4);
            assertThat(t.get("today").get("clicked").asLong()).isEqualTo(1);
            assertThat(t.get("today").get("ctr").asDouble()).isEqualTo(0.25);
            assertThat(t.get("week").get("served").asLong()).isEqualTo(5);
            assertThat(t.get("week").get("clicked").asLong()).isEqualTo(2);
            assertThat(t.get("week").get("ctr").asDouble()).isEqualTo(0.4);
            assertThat(t.get("daily")).hasSize(7);
            assertThat(t.get("daily").get(2).get("served").asLong()).isEqualTo(1);

            JsonNode c = cohort(board, control);
            assertThat(c.get("week").get("served").asLong()).isZero();
            assertThat(c.get("week").get("ctr").isNull()).as("no answers, no rate").isTrue();
            assertThat(c.get("pin").isNull()).isTrue();
        }
    }

    @Test
    @DisplayName("a cohort name the counts could not hold is refused at start, naming the setting")
    void refusesUncountableNames(KafkaEndpoint kafka, RedisEndpoint redis) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestApi.start(kafka, redis, "--nightshift.serving.cohorts.[group A]=10").close())
                .hasStackTraceContaining("nightshift.serving.cohorts: the cohort name 'group A' must match");
    }
}
