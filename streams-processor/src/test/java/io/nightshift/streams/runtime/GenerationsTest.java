package io.nightshift.streams.runtime;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GenerationsTest {

    @Test
    @DisplayName("generation 0 is the base name itself, generation N the base with -gN")
    void names() {
        assertThat(Generations.name("nightshift-eventlog", 0)).isEqualTo("nightshift-eventlog");
        assertThat(Generations.name("nightshift-eventlog", 3)).isEqualTo("nightshift-eventlog-g3");
    }

    @Test
    @DisplayName("a group's generation is read back from its name; other groups are generation 0")
    void parse() {
        assertThat(Generations.generationOf("nightshift-streams-features-g12", "nightshift-streams-features")).isEqualTo(12);
        assertThat(Generations.generationOf("nightshift-streams-features", "nightshift-streams-features")).isZero();
        assertThat(Generations.generationOf("nightshift-streams", "nightshift-streams-features")).isZero();
        assertThat(Generations.generationOf("other-features-g4", "nightshift-streams-features")).isZero();
    }
}
