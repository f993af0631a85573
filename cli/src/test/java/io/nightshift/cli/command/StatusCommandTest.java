package io.nightshift.cli.command;

import io.nightshift.infra.local.servers.FreePorts;
import io.nightshift.cli.stack.AppExit;
import io.nightshift.cli.stack.AppState;
import io.nightshift.cli.stack.Stack;
import io.nightshift.cli.stack.StackLayout;
import io.nightshift.cli.stack.StackState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./nightshift status} reads what the supervisor last wrote: per app, the live pid, the
 * restarts, the last exit and the state. The state file's supervisor is this JVM, so it is alive.
 */
class StatusCommandTest {

    @TempDir
    Path home;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final long livePid = ProcessHandle.current().pid();
    private final Instant now = Instant.now();

    @BeforeEach
    void pointAtHome() {
        System.setProperty("nightshift.home", home.toString());
    }

    @AfterEach
    void forgetHome() {
        System.clearProperty("nightshift.home");
    }

    @Test
    void anAppRestartedAfterACrashShowsItsLivePidTheRestartAndHowTheLastOneEnded() {
        try (HealthEndpoint health = new HealthEndpoint()) {
            runningStack(Map.of(Stack.STREAMS, new StackState.App(livePid, health.port(), AppState.RUNNING, now.minusSeconds(30), 1,
                    new AppExit(137, now.minusSeconds(31), false), null, 1)));

            assertThat(run("status")).isZero();

            assertThat(out.toString())
                    .contains("streams-processor  running, pid " + livePid + ", port " + health.port() + ", up 30 s")
                    .contains("1 restart; last exit 137 (SIGKILL), 31 s ago")
                    .contains("unexpected");
        }
    }

    @Test
    void aRestartedAppThatDoesNotAnswerYetIsStarting() {
        runningStack(Map.of(Stack.STREAMS, new StackState.App(livePid, FreePorts.next(), AppState.RUNNING, now.minusSeconds(3), 1,
                new AppExit(137, now.minusSeconds(4), false), null, 1)));

        assertThat(run("status")).isZero();

        assertThat(out.toString())
                .contains("streams-processor  starting (not healthy yet), pid " + livePid)
                // The command reads the wall clock: on a busy machine a few tenths pass between setup and status.
                .containsPattern("1 restart; last exit 137 \\(SIGKILL\\), [4-9]\\.\\d s ago");
    }

    @Test
    void eachStateSaysWhatHappensNext() {
        Map<String, StackState.App> apps = new LinkedHashMap<>();
        apps.put(Stack.STREAMS, new StackState.App(4242, 41234, AppState.CRASH_LOOP, now.minusSeconds(2), 4,
                new AppExit(1, now.minusSeconds(1), false), now.plusSeconds(59), 5));
        apps.put(Stack.ONLINE_API, new StackState.App(4343, 8080, AppState.RESTARTING, now.minusSeconds(5), 0,
                new AppExit(134, now, false), now.plusSeconds(2), 1));
        apps.put(Stack.LAPTOP, new StackState.App(4444, 41235, AppState.STOPPED, now.minusSeconds(60), 0,
                new AppExit(137, now.minusSeconds(10), true), null, 0));
        runningStack(apps);

        assertThat(run("status")).isZero();

        assertThat(out.toString())
                .contains("streams-processor  CRASH LOOP: 5 crashes in a row, next try in 5")
                .contains("see .nightshift/logs/streams.log")
                .contains("4 restarts; last exit 1,")
                .contains("online-api         restarting in ")
                .contains("(last pid 4343)")
                .contains("last exit 134 (SIGABRT)")
                .contains("batch-jobs         stopped on purpose (./nightshift laptop online brings it back)")
                .contains("on purpose");
    }

    @Test
    void aPidThatDiedSinceTheSupervisorsLastTurnIsNotReportedAsRunning() {
        runningStack(Map.of(Stack.STREAMS, new StackState.App(Long.MAX_VALUE - 3, 41234)));

        assertThat(run("status")).isZero();

        assertThat(out.toString()).contains("exited (pid " + (Long.MAX_VALUE - 3) + "); the supervisor starts it again")
                .doesNotContain("pid " + (Long.MAX_VALUE - 3) + ", port");
    }

    @Test
    void statusAnswersWhenTheOnlineApiIsTheAppThatIsDown() {
        runningStack(Map.of());

        assertThat(run("status")).isZero();

        assertThat(out.toString()).contains("laptop, as cloud   unknown: the online API does not answer");
    }

    @Test
    void aServerStoppedOnPurposeSaysHowToBringItBack() {
        new StackState(livePid, "ready", now, apiUrl(), "127.0.0.1:9092", "127.0.0.1:6379", "postgresql://127.0.0.1:5432/postgres",
                "online", StackState.STOPPED, StackState.UP, Map.of()).writeTo(StackLayout.discover().stateFile());

        assertThat(run("status")).isZero();

        assertThat(out.toString()).contains("redis              stopped on purpose (127.0.0.1:6379);")
                .contains("`./nightshift redis start` brings it back")
                .contains("kafka              up at 127.0.0.1:9092");
    }

    private void runningStack(Map<String, StackState.App> apps) {
        new StackState(livePid, "ready", now, apiUrl(), "127.0.0.1:9092", "127.0.0.1:6379", "postgresql://127.0.0.1:5432/postgres",
                "online", StackState.UP, StackState.UP, apps).writeTo(StackLayout.discover().stateFile());
    }

    /** Nothing listens there: the API is down. */
    private static String apiUrl() {
        return "http://127.0.0.1:" + FreePorts.next();
    }

    private int run(String... args) {
        CommandLine cli = NightshiftCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(out, true));
        return cli.execute(args);
    }
}
