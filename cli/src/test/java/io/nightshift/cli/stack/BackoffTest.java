package io.nightshift.cli.stack;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    @Test
    void theWaitDoublesWithEachCrashInARowUpToTheCap() {
        assertThat(IntStream.rangeClosed(1, 9).mapToObj(Backoff.DEFAULT::delayAfter).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
    }

    @Test
    void aLongCrashLoopStaysAtTheCapInsteadOfOverflowing() {
        assertThat(Backoff.DEFAULT.delayAfter(1_000)).isEqualTo(Duration.ofSeconds(60));
        assertThat(Backoff.DEFAULT.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void theFifthCrashInARowIsACrashLoop() {
        assertThat(Backoff.DEFAULT.isCrashLoop(4)).isFalse();
        assertThat(Backoff.DEFAULT.isCrashLoop(5)).isTrue();
    }

    @Test
    void aScheduleThatCouldNotWorkIsRefusedAtOnce() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), Duration.ofMinutes(1), 3))
                .hasMessageContaining("0 < first <= cap");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMinutes(1), 3))
                .hasMessageContaining("0 < first <= cap");
        assertThatThrownBy(() -> Backoff.DEFAULT.delayAfter(0)).hasMessageContaining("starts at 1");
    }
}
