package io.nightshift.schemas.control;

import io.nightshift.schemas.codec.ContractCodec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StatusTypesTest {

    @ParameterizedTest
    @EnumSource(RunStatus.class)
    @DisplayName("a run status goes on the wire as its wire value and comes back as itself")
    void runStatusRoundTrip(RunStatus status) {
        String json = ContractCodec.MAPPER.writeValueAsString(status);
        assertThat(json).isEqualTo("\"" + status.wire() + "\"");
        assertThat(ContractCodec.MAPPER.readValue(json, RunStatus.class)).isEqualTo(status);
        assertThat(RunStatus.fromWire(status.wire())).isEqualTo(status);
        assertThat(status).hasToString(status.wire());
    }

    @Test
    @DisplayName("completed, failed and refused end a run; requested, running and deferred do not")
    void finalRunStatuses() {
        assertThat(Arrays.stream(RunStatus.values()).filter(RunStatus::isFinal))
                .containsExactlyInAnyOrder(RunStatus.COMPLETED, RunStatus.FAILED, RunStatus.REFUSED);
    }

    @Test
    @DisplayName("the run statuses are exactly the status enum of the control-event schema")
    void runStatusesMatchTheSchema() throws IOException {
        assertThat(Arrays.stream(RunStatus.values()).map(RunStatus::wire))
                .containsExactlyElementsOf(schemaEnum("/properties/run/properties/status/enum"));
    }

    @Test
    @DisplayName("an unknown run status is refused by name and not found")
    void unknownRunStatus() {
        assertThatIllegalArgumentException().isThrownBy(() -> RunStatus.fromWire("paused")).withMessageContaining("'paused'");
        assertThat(RunStatus.find("COMPLETED")).isEmpty();
        assertThat(RunStatus.find(null)).isEmpty();
    }

    @Test
    @DisplayName("a run progress keeps its status's wire value in JSON")
    void runProgressJson() {
        String json = ContractCodec.MAPPER.writeValueAsString(new RunProgress("r-1", RunStatus.DEFERRED, "scoreCatalog", 3, 9, "hot"));
        assertThat(json).contains("\"status\":\"deferred\"");
        assertThat(ContractCodec.MAPPER.readValue(json, RunProgress.class).status()).isEqualTo(RunStatus.DEFERRED);
    }

    @ParameterizedTest
    @EnumSource(ReplayState.class)
    @DisplayName("a replay state goes on the wire as its wire value and comes back as itself")
    void replayStateRoundTrip(ReplayState state) {
        String json = ContractCodec.MAPPER.writeValueAsString(state);
        assertThat(json).isEqualTo("\"" + state.wire() + "\"");
        assertThat(ContractCodec.MAPPER.readValue(json, ReplayState.class)).isEqualTo(state);
        assertThat(state).hasToString(state.wire());
    }

    @Test
    @DisplayName("the replay states keep their wire values; caught-up and failed end a replay")
    void replayStates() {
        assertThat(Arrays.stream(ReplayState.values()).map(ReplayState::wire))
                .containsExactly("idle", "requested", "resetting", "replaying", "caught-up", "failed");
        assertThat(Arrays.stream(ReplayState.values()).filter(ReplayState::isFinal))
                .containsExactlyInAnyOrder(ReplayState.CAUGHT_UP, ReplayState.FAILED);
        assertThatIllegalArgumentException().isThrownBy(() -> ReplayState.fromWire("paused"));
    }

    @Test
    @DisplayName("the replay states but idle are exactly the state enum of the control-event schema")
    void replayStatesMatchTheSchema() throws IOException {
        assertThat(Arrays.stream(ReplayState.values()).filter(state -> state != ReplayState.IDLE).map(ReplayState::wire))
                .containsExactlyElementsOf(schemaEnum("/properties/replay/properties/state/enum"));
    }

    private static List<String> schemaEnum(String pointer) throws IOException {
        try (InputStream in = StatusTypesTest.class.getClassLoader().getResourceAsStream("schemas/control-event.v1.json")) {
            JsonNode values = ContractCodec.MAPPER.readTree(in).at(pointer);
            assertThat(values.isArray()).as(pointer).isTrue();
            List<String> wire = new ArrayList<>();
            values.forEach(v -> wire.add(v.asString()));
            return wire;
        }
    }
}
