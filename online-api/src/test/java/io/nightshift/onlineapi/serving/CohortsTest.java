package io.nightshift.onlineapi.serving;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class CohortsTest {

    private static Cohorts cohorts(Map<String, Integer> weights) {
        return new Cohorts(new ServingProperties(10, 100, 100, Map.of(), Duration.ofMinutes(10), weights, 100));
    }

    @Test
    @DisplayName("users spread over the cohorts by weight (10 % candidate, 90 % active), each always in the same one")
    void weightedAndStable() {
        Cohorts first = cohorts(Map.of("candidate", 10, "active", 90));
        Cohorts second = cohorts(Map.of("active", 90, "candidate", 10));
        long candidates = IntStream.range(0, 10_000).mapToObj(i -> "u-" + i).filter(user -> "candidate".equals(first.of(user))).count();
        assertThat(candidates).isBetween(850L, 1150L);
        IntStream.range(0, 1_000).mapToObj(i -> "u-" + i)
                .forEach(user -> assertThat(second.of(user)).as("another instance, config written in another order").isEqualTo(first.of(user)));
    }

    @Test
    @DisplayName("anonymous shoppers have no cohort (they get the active version)")
    void anonymous() {
        assertThat(cohorts(Map.of("a", 50, "b", 50)).of(null)).isNull();
    }
}
