package io.nightshift.cli.command;

import io.nightshift.cli.stack.AppExit;
import io.nightshift.cli.stack.AppState;
import io.nightshift.cli.stack.Stack;
import io.nightshift.cli.stack.StackLayout;
import io.nightshift.cli.stack.StackState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./nightshift restart APP}: its argument errors and help, and its side of the request
 * against a stand-in supervisor (a thread of this JVM, as in {@code OutageCommandsTest}); the real
 * supervisor restarting a process is {@code AppWatchTest}.
 */
@Timeout(30)
class RestartCommandTest {

    private static final long OLD_PID = 4_000_001;
    private static final long NEW_PID = 4_000_002;

    @TempDir
    Path home;
    private StackLayout layout;
    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();
    private final AtomicBoolean supervising = new AtomicBoolean(true);
    private Thread supervisor;
    private HealthEndpoint health;

    @BeforeEach
    void pointAtHome() {
        System.setProperty("nightshift.home", home.toString());
        layout = StackLayout.discover();
    }

    @AfterEach
    void stopTheStandIns() throws InterruptedException {
        supervising.set(false);
        if (supervisor != null) {
            supervisor.join();
        }
        if (health != null) {
            health.close();
        }
        System.clearProperty("nightshift.home");
    }

    @Test
    void anUnknownAppIsAUsageErrorThatNamesTheApps() {
        assertThat(run("restart", "frontend")).isEqualTo(2);
        assertThat(err.toString()).contains("there is no app called 'frontend'")
                .contains("online-api, streams-processor (or streams), batch-jobs (or laptop)")
                .contains("Usage: nightshift restart").doesNotContain("Exception");
    }

    @Test
    void withoutAnAppTheUsageSaysWhichOnes() {
        assertThat(run("restart")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: 'APP'").contains("streams-processor");
    }

    @Test
    void helpExplainsTheCommandAndThatCrashedAppsComeBackByThemselves() {
        assertThat(run("restart", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: nightshift restart").contains("APP").contains("graceful stop")
                .contains("come back by themselves");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void withNothingRunningItSaysHowToStartAStack() {
        assertThat(run("restart", "streams-processor")).isEqualTo(1);
        assertThat(err.toString()).contains("not running").contains("./nightshift demo");
        assertThat(layout.restartRequest(Stack.STREAMS)).doesNotExist();
    }

    @Test
    void theLaptopTakenOfflineOnPurposeIsBroughtBackByLaptopOnlineNotByRestart() {
        runningStack(Stack.LAPTOP, new StackState.App(OLD_PID, 41235, AppState.STOPPED, Instant.now(), 0,
                new AppExit(137, Instant.now(), true), null, 0));

        assertThat(run("restart", "batch-jobs")).isEqualTo(1);

        assertThat(err.toString()).contains("batch-jobs is stopped on purpose").contains("./nightshift laptop online");
        assertThat(layout.restartRequest(Stack.LAPTOP)).doesNotExist();
    }

    @Test
    void restartAsksTheSupervisorAndReportsTheNewPidOnceItIsHealthy() {
        health = new HealthEndpoint();
        int port = health.port();
        runningStack(Stack.STREAMS, running(OLD_PID, port));
        superviseWith(() -> {
            if (Files.exists(layout.restartRequest(Stack.STREAMS))) {
                publish(Stack.STREAMS, running(NEW_PID, port));
                delete(layout.restartRequest(Stack.STREAMS));
            }
        });

        assertThat(run("restart", "streams")).isZero();

        assertThat(out.toString()).contains("Restarting streams-processor (pid " + OLD_PID + ")")
                .contains("Restarted streams-processor: pid " + OLD_PID + " -> pid " + NEW_PID + ", healthy after");
        assertThat(layout.restartRequest(Stack.STREAMS)).doesNotExist();
    }

    @Test
    void aRestartThatDidNotHappenIsAnErrorPointingAtTheLogs() {
        runningStack(Stack.ONLINE_API, running(OLD_PID, 1));
        superviseWith(() -> delete(layout.restartRequest(Stack.ONLINE_API))); // gave up, as after a failed start

        assertThat(run("restart", "online-api")).isEqualTo(1);

        assertThat(err.toString()).contains("could not restart online-api").contains("supervisor.log").contains("online-api.log");
    }

    private static StackState.App running(long pid, int port) {
        return new StackState.App(pid, port, AppState.RUNNING, Instant.now(), 0, null, null, 0);
    }

    private void runningStack(String app, StackState.App state) {
        new StackState(ProcessHandle.current().pid(), "ready", Instant.now(), "http://127.0.0.1:1", "127.0.0.1:9092",
                "127.0.0.1:6379", "postgresql://127.0.0.1:5432/postgres", "online", StackState.UP, StackState.UP,
                Map.of(app, state)).writeTo(layout.stateFile());
    }

    private void publish(String app, StackState.App state) {
        StackState current = StackState.readFrom(layout.stateFile()).orElseThrow();
        Map<String, StackState.App> apps = new HashMap<>(current.apps());
        apps.put(app, state);
        current.with(current.phase(), current.laptop(), apps).writeTo(layout.stateFile());
    }

    /** Polls like the real supervisor loop; {@code turn} runs every 50 ms. */
    private void superviseWith(Runnable turn) {
        supervisor = Thread.ofPlatform().start(() -> {
            while (supervising.get()) {
                turn.run();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private int run(String... args) {
        CommandLine cli = NightshiftCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(out, true));
        return cli.execute(args);
    }
}
