package io.nightshift.cli.command;

import io.nightshift.cli.stack.StackLayout;
import io.nightshift.cli.stack.StackState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./nightshift redis|kafka stop|start} against a stand-in supervisor: a thread of this JVM
 * (so the state file's supervisor pid is alive) that reads the wish file as the real one does and
 * answers through the state file. The real supervisor applying a wish is {@code ServerSwitchTest}.
 */
@Timeout(30)
class OutageCommandsTest {

    @TempDir
    Path home;
    private StackLayout layout;
    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();
    private final AtomicBoolean supervising = new AtomicBoolean(true);
    private Thread supervisor;

    @BeforeEach
    void pointAtHome() {
        System.setProperty("nightshift.home", home.toString());
        layout = StackLayout.discover();
    }

    @AfterEach
    void stopTheStandIn() throws InterruptedException {
        supervising.set(false);
        if (supervisor != null) {
            supervisor.join();
        }
        System.clearProperty("nightshift.home");
    }

    @Test
    void anUnknownActionIsAUsageErrorNamingTheRightOnes() {
        assertThat(run("redis", "pause")).isEqualTo(2);
        assertThat(err.toString()).contains("stop, start");
        assertThat(run("kafka")).isEqualTo(2);
        assertThat(err.toString()).contains("stop|start");
    }

    @Test
    void withNothingRunningTheCommandSaysHowToStartAStack() {
        assertThat(run("kafka", "stop")).isEqualTo(1);
        assertThat(err.toString()).contains("not running").contains("./nightshift demo").doesNotContain("Exception");
        assertThat(layout.kafkaWish()).doesNotExist();
    }

    @Test
    void redisStopWritesTheWishAndReturnsOnceTheSupervisorReportsIt() {
        runningStack(StackState.UP, StackState.UP);
        superviseWith(() -> {
            if (Files.exists(layout.redisWish())) {
                publish(read(layout.redisWish()), StackState.UP);
            }
        });

        assertThat(run("redis", "stop")).isZero();

        assertThat(read(layout.redisWish())).isEqualTo(StackState.STOPPED);
        assertThat(out.toString()).contains("Redis is stopped").contains("tier: last-known-good, stale: true");
        assertThat(layout.kafkaWish()).doesNotExist();
    }

    @Test
    void kafkaStartNamesTheAddressTheClientsReconnectTo() {
        runningStack(StackState.UP, StackState.STOPPED);
        superviseWith(() -> {
            if (Files.exists(layout.kafkaWish())) {
                publish(StackState.UP, read(layout.kafkaWish()));
            }
        });

        assertThat(run("kafka", "start")).isZero();

        assertThat(read(layout.kafkaWish())).isEqualTo(StackState.UP);
        assertThat(out.toString()).contains("Kafka is back on 127.0.0.1:9092").contains("spool drains");
    }

    @Test
    void aWishTheSupervisorCouldNotApplyEndsTheWaitAtOnce() {
        runningStack(StackState.UP, StackState.UP);
        superviseWith(() -> {
            try {
                Files.deleteIfExists(layout.redisWish()); // what ServerSwitch does when stopping failed
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        long start = System.nanoTime();
        assertThat(run("redis", "stop")).isEqualTo(1);

        assertThat(err.toString()).contains("could not make Redis stopped").contains("supervisor.log");
        assertThat(System.nanoTime() - start).isLessThan(10_000_000_000L);
    }

    @Test
    void aSupervisorThatDoesNotAnswerIsReportedAfterTheTimeout() {
        runningStack(StackState.UP, StackState.UP);

        assertThat(run("kafka", "stop", "--timeout=PT1S")).isEqualTo(1);

        assertThat(err.toString()).contains("did not make Kafka stopped within 1 s").contains("supervisor.log");
        assertThat(read(layout.kafkaWish())).isEqualTo(StackState.STOPPED);
    }

    @Test
    void alreadyInTheWishedStateIsNotAnError() {
        runningStack(StackState.STOPPED, StackState.UP);
        assertThat(run("redis", "stop")).isZero();
        assertThat(out.toString()).contains("Redis is stopped");
    }

    private void runningStack(String redis, String kafka) {
        new StackState(ProcessHandle.current().pid(), "ready", Instant.now(), "http://localhost:8080", "127.0.0.1:9092",
                "127.0.0.1:6379", "postgresql://127.0.0.1:5432/postgres", "online", redis, kafka,
                Map.of()).writeTo(layout.stateFile());
    }

    private void publish(String redis, String kafka) {
        StackState.readFrom(layout.stateFile()).orElseThrow().withServers(redis, kafka).writeTo(layout.stateFile());
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

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (Exception e) {
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
