package io.nightshift.cli.command;

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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** User mistakes end with a sentence that says what to do, and a non-zero exit code; never a stack trace. */
class NightshiftCliTest {

    @TempDir
    Path home;
    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    @BeforeEach
    void pointAtAnEmptyHome() {
        System.setProperty("nightshift.home", home.toString());
    }

    @AfterEach
    void forgetHome() {
        System.clearProperty("nightshift.home");
    }

    @Test
    void commandsThatNeedARunningStackSaySoAndHowToStartOne() {
        int code = run("batch", "run");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("not running").contains("./nightshift demo").doesNotContain("Exception");
    }

    @Test
    void anUnknownLaptopStateIsAUsageError() {
        int code = run("laptop", "sideways");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("Unmatched argument").contains("offline").contains("online");
        assertThat(run("laptop")).as("laptop alone").isEqualTo(2);
        assertThat(err.toString()).contains("Missing required subcommand: offline or online");
    }

    @Test
    void anUnknownCommandPrintsTheUsage() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString()).contains("error: Unmatched argument").contains("Usage: nightshift").contains("demo");
    }

    @Test
    void anUnknownBatchActionNamesTheRightOne() {
        assertThat(run("batch", "sprint")).isEqualTo(2);
        assertThat(err.toString()).contains("./nightshift batch run");
    }

    @Test
    void downWithNothingRunningIsNotAnError() {
        assertThat(run("down")).isZero();
    }

    @Test
    void downCleansUpAfterASupervisorThatDiedWithoutStoppingItsStack() throws Exception {
        StackLayout layout = StackLayout.discover();
        java.nio.file.Files.createDirectories(layout.run().resolve("kafka"));
        java.nio.file.Files.writeString(layout.run().resolve("kafka").resolve("segment.log"), "left behind");
        layout.privateCopy(java.nio.file.Files.writeString(home.resolve("app.jar"), "jar"), "laptop");
        new StackState(Long.MAX_VALUE - 1, "ready", Instant.parse("2026-11-26T10:00:00Z"), "http://localhost:8080", "localhost:9092",
                "127.0.0.1:6379", "postgresql://127.0.0.1:5432/postgres", "online", StackState.UP, StackState.UP,
                Map.of("laptop", new StackState.App(Long.MAX_VALUE - 2, 8081))).writeTo(layout.stateFile());

        assertThat(run("down")).isZero();

        assertThat(layout.run()).doesNotExist();
        assertThat(layout.jars()).doesNotExist();
        assertThat(layout.stateFile()).doesNotExist();
    }

    @Test
    void stateSurvivesItsFileAndAStaleOneIsRecognised() {
        Path file = home.resolve("state.json");
        StackState state = new StackState(Long.MAX_VALUE - 1, "ready", Instant.parse("2026-11-26T10:00:00Z"),
                "http://localhost:8080", "localhost:9092", "127.0.0.1:6379", "postgresql://127.0.0.1:5432/postgres",
                "online", StackState.UP, StackState.STOPPED, Map.of("laptop", new StackState.App(12, 8081)));
        state.writeTo(file);
        assertThat(StackState.readFrom(file)).contains(state);
        assertThat(state.supervisorAlive()).isFalse();
    }

    private int run(String... args) {
        CommandLine cli = NightshiftCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(out, true));
        return cli.execute(args);
    }
}
