package io.nightshift.onlineapi.kafka;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SpoolLineTest {

    private static final byte[] VALUE = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aWrittenLineReadsBackAsTheSameRecordWithOrWithoutAKey() {
        for (String key : new String[] {"u-1", null}) {
            String line = new SpoolLine("shop.events.v1", key, VALUE).format();

            SpoolLine read = SpoolLine.parse(line.stripTrailing()).orElseThrow();

            assertThat(read.topic()).isEqualTo("shop.events.v1");
            assertThat(read.key()).isEqualTo(key);
            assertThat(read.value()).isEqualTo(VALUE);
        }
    }

    @Test
    void aLineCutShortByACrashIsSkippedNotRetried() {
        String line = new SpoolLine("shop.catalog.v1", "p-1", VALUE).format().stripTrailing();

        for (int cut = 0; cut < line.length(); cut++) {
            Optional<SpoolLine> read = SpoolLine.parse(line.substring(0, cut));
            // A cut inside the value may still be valid base64 (the readers dead-letter what it decodes
            // to); what matters is that no cut throws.
            read.ifPresent(record -> assertThat(record.topic()).isEqualTo("shop.catalog.v1"));
        }
        assertThat(SpoolLine.parse("shop.catalog.v1\tcC0x\teyJ*")).isEmpty();
        assertThat(SpoolLine.parse("shop.catalog.v1\t%%%\teyJ9")).isEmpty();
    }

    @Test
    void aLineForATopicTheIntakeNeverSpoolsIsNotOurs() {
        assertThat(SpoolLine.parse("reco.control.v1\t\teyJ9")).isEmpty();
        assertThat(SpoolLine.parse("shop.events.v1\teyJ9")).isEmpty();
        assertThat(SpoolLine.parse("")).isEmpty();
    }
}
