package io.nightshift.cli.command;

import io.nightshift.cli.stack.AppExit;
import io.nightshift.cli.stack.AppState;
import io.nightshift.cli.stack.Stack;
import io.nightshift.cli.stack.StackState;
import io.nightshift.schemas.codec.ContractCodec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./nightshift status} as a table, on a state fixture: no stack, no processes, no clock. */
class StatusTableTest {

    private static final Instant NOW = Instant.parse("2026-12-04T21:00:00Z");

    @Test
    void everyRowSaysInWordsWhatItMeansAndHowToChangeIt() {
        Map<String, StackState.App> apps = new LinkedHashMap<>();
        apps.put(Stack.ONLINE_API, new StackState.App(101, 8080, AppState.RUNNING, NOW.minusSeconds(125), 0, null, null, 0));
        apps.put(Stack.STREAMS, new StackState.App(102, 8082, AppState.RUNNING, NOW.minusSeconds(5), 0, null, null, 0));
        apps.put(Stack.LAPTOP, new StackState.App(103, 8081, AppState.RUNNING, NOW.minusSeconds(60), 0, null, null, 0));
        StackState state = new StackState(100, "ready", NOW.minusSeconds(300), "http://localhost:8080", "127.0.0.1:9092",
                "127.0.0.1:6379", "postgresql://127.0.0.1:5432/postgres", "online", StackState.UP, StackState.STOPPED, apps);

        List<String> lines = StatusTable.lines(state, NOW, pid -> true, port -> port != 8082, "online, last heartbeat 4 s ago, idle");

        assertThat(lines.getFirst()).isEqualTo("Nightshift is ready since 2026-12-04T20:55:00Z (supervisor pid 100)");
        assertThat(lines).contains(
                "  WHAT               STATE",
                "  online API         http://localhost:8080  (shops, the widget and the owner's console call this)",
                "  kafka              stopped on purpose (127.0.0.1:9092); events wait in the API's spool while it is stopped;"
                        + " `./nightshift kafka start` brings it back",
                "  redis              up at 127.0.0.1:6379 (`./nightshift redis stop` simulates an outage)",
                "  postgresql         postgresql://127.0.0.1:5432/postgres  (the event log; user postgres; analysts: analyst/analyst)",
                "  online-api         running, pid 101, port 8080, up 2 min 05 s",
                "  streams-processor  starting (not healthy yet), pid 102, port 8082, up 5 s",
                "  batch-jobs         running, pid 103, port 8081, up 1 min 00 s",
                "  laptop             online (you asked for online; `./nightshift laptop offline` simulates it vanishing)",
                "  laptop, as cloud   online, last heartbeat 4 s ago, idle (from its heartbeats; silent for minutes means offline)");
    }

    @Test
    void aLaptopTakenOfflineSaysHowToBringItBack() {
        assertThat(StatusTable.wish("offline")).isEqualTo(
                "offline (you asked for offline: it was killed like a closed lid; `./nightshift laptop online` brings it back)");
    }

    @Test
    void theCloudsViewOfTheLaptopIsPutInWords() {
        assertThat(StatusTable.cloudView(ContractCodec.MAPPER.readTree(
                "{\"status\":\"offline\",\"state\":\"idle\",\"secondsSinceLastSeen\":300,\"freshLag\":12}")))
                .isEqualTo("offline, last heartbeat 300 s ago, idle, 12 fresh requests waiting");
        assertThat(StatusTable.cloudView(ContractCodec.MAPPER.readTree(
                "{\"status\":\"online\",\"state\":\"busy\",\"secondsSinceLastSeen\":3,\"runningJob\":\"nightly\"}")))
                .isEqualTo("online, last heartbeat 3 s ago, running nightly");
        assertThat(StatusTable.cloudView(ContractCodec.MAPPER.readTree("{\"status\":\"offline\"}")))
                .isEqualTo("offline (no heartbeat yet)");
    }

    @Test
    void anAppThatCrashedShowsItsHistoryUnderItsRow() {
        Map<String, StackState.App> apps = Map.of(Stack.STREAMS, new StackState.App(102, 8082, AppState.RUNNING, NOW.minusSeconds(30), 1,
                new AppExit(137, NOW.minusSeconds(31), false), null, 1));
        StackState state = new StackState(100, "starting", NOW, "http://localhost:8080", "k:9092", "r:6379", "pg", "offline",
                StackState.UP, StackState.UP, apps);

        String table = String.join("\n", StatusTable.lines(state, NOW, pid -> true, port -> true, "offline (no heartbeat yet)"));

        assertThat(table).contains("Nightshift is starting (the apps come up one by one)")
                .contains("streams-processor  running, pid 102, port 8082, up 30 s\n                     1 restart; last exit 137 (SIGKILL), 31 s ago")
                .contains("laptop             offline (you asked for offline");
    }
}
