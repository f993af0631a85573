package io.nightshift.schemas.control;

import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractCodec;
import io.nightshift.schemas.codec.InvalidPayloadException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayProgressTest {

    private static final String EXAMPLE = "examples/control-event.v1.replay-progress.json";
    private final ContractCodec<ControlEvent> codec = ContractCodec.of(Contract.CONTROL_EVENT);

    @Test
    @DisplayName("the replay-progress example validates, decodes and survives decode and encode unchanged")
    void exampleRoundTrips() throws IOException {
        JsonNode example = read();
        assertThat(codec.violations(example)).isEmpty();

        ControlEvent event = codec.decode(example);
        assertThat(event.type()).isEqualTo(ControlType.REPLAY_PROGRESS);
        assertThat(event.replay().state()).isEqualTo(ReplayState.REPLAYING);
        assertThat(event.replay().lag()).containsExactly(Map.entry("nightshift-streams-features-g3", 1200L),
                Map.entry("nightshift-eventlog-g3", 0L));
        assertThat(ContractCodec.MAPPER.readTree(codec.encode(event))).isEqualTo(example);
    }

    @Test
    @DisplayName("a request carries no generation and no lag, and reads back as it was written")
    void requestRoundTrips() {
        ControlEvent request = ControlEvent.replay(ControlType.REPLAY_REQUESTED, "owner",
                ReplayProgress.requested("replay-1", "after moving the epoch"), Instant.parse("2026-11-24T10:00:00Z"));

        byte[] json = codec.encode(request);

        assertThat(new String(json, StandardCharsets.UTF_8)).doesNotContain("generation", "lag")
                .contains("\"state\":\"requested\"", "\"type\":\"replay_requested\"");
        assertThat(codec.decode(json)).isEqualTo(request);
    }

    @Test
    @DisplayName("a replay event without its payload, with idle or with a negative lag is refused")
    void invalidReplayEvents() {
        String head = "{\"eventId\":\"5d0c7a2e-8b4f-4c1d-9e3a-2f6b7c8d9e01\",\"schemaVersion\":1,\"type\":\"replay_progress\","
                + "\"actor\":\"cloud\",\"occurredAt\":\"2026-11-24T10:00:00Z\"";
        assertRefused(head + "}", "replay");
        assertRefused(head + ",\"replay\":{\"replayId\":\"r-1\",\"state\":\"idle\"}}", "state");
        assertRefused(head + ",\"replay\":{\"replayId\":\"r-1\",\"state\":\"replaying\",\"lag\":{\"g\":-1}}}", "lag");
        assertRefused(head + ",\"replay\":{\"replayId\":\"r 1\",\"state\":\"replaying\"}}", "replayId");
    }

    @Test
    @DisplayName("the lag keeps the order it was measured in and cannot be changed afterwards")
    void lagKeepsOrder() {
        Map<String, Long> lag = new LinkedHashMap<>();
        lag.put("z-features", 5L);
        lag.put("a-eventlog", 0L);
        ReplayProgress progress = new ReplayProgress("r-1", ReplayState.REPLAYING, 2, lag, null);
        lag.clear();

        assertThat(progress.lag()).containsExactly(Map.entry("z-features", 5L), Map.entry("a-eventlog", 0L));
        assertThatThrownBy(() -> progress.lag().put("x", 1L)).isInstanceOf(UnsupportedOperationException.class);
    }

    private void assertRefused(String json, String field) {
        assertThatThrownBy(() -> codec.decode(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidPayloadException.class).hasMessageContaining(field);
    }

    private static JsonNode read() throws IOException {
        try (InputStream in = ReplayProgressTest.class.getClassLoader().getResourceAsStream(EXAMPLE)) {
            assertThat(in).as(EXAMPLE).isNotNull();
            return ContractCodec.MAPPER.readTree(in);
        }
    }
}
