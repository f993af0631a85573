package io.nightshift.cli.importer;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class FingerprintsTest {

    @Test
    void remembersEveryKeyAcrossGrowth() {
        Fingerprints seen = new Fingerprints();
        assertThat(IntStream.range(0, 300_000).allMatch(i -> seen.add("key " + i))).isTrue();
        assertThat(IntStream.range(0, 300_000).noneMatch(i -> seen.add("key " + i))).isTrue();
        assertThat(seen.add("another")).isTrue();
    }
}
