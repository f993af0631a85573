package io.nightshift.streams.features;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TrendScoreTest {

    @Test
    @DisplayName("a state row round-trips, with or without a category, and a category may contain the separator")
    void roundTrip() {
        TrendScore scored = TrendScore.NONE.add(1.5, 0.25).in("home;garden");

        assertThat(TrendScore.decode(scored.encode())).isEqualTo(scored);
        assertThat(TrendScore.decode(TrendScore.NONE.add(2, 1).encode())).isEqualTo(new TrendScore(2, 1, null));
        assertThat(TrendScore.decode(null)).isEqualTo(TrendScore.NONE);
    }

    @Test
    @DisplayName("a row of the first encoding (with the last write, before scores were written whole) still reads after an upgrade")
    void readsTheFirstEncoding() {
        assertThat(TrendScore.decode("1.5;0.25;0.75;1764000000000;home;garden")).isEqualTo(new TrendScore(1.5, 0.25, "home;garden"));
        assertThat(TrendScore.decode("-Infinity;-Infinity;0.0;0;")).isEqualTo(TrendScore.NONE);
    }
}
