package io.nightshift.cli.stack;

import io.nightshift.infra.local.servers.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The supervisor keeping apps alive, on real child processes started the way the stack starts its
 * apps. Time is the test's own clock, so a backoff of seconds costs no waiting.
 */
@Timeout(60)
class AppWatchTest {

    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofMinutes(2), 3);

    @TempDir
    Path home;
    private Instant now = Instant.parse("2026-12-04T10:00:00Z");
    private final InstantSource clock = () -> now;
    private final List<AppWatch> watches = new ArrayList<>();

    @AfterEach
    void stopWhatTheTestStarted() {
        watches.forEach(watch -> watch.stopOnPurpose(true));
    }

    @Test
    void anAppKilledWithSigkillIsStartedAgainWithANewPidAndTheRestartIsCounted() throws Exception {
        AppWatch watch = watch(StandInApp.sleeper(), 0);
        watch.start();
        long killed = watch.process().pid();

        killWithSigkill(killed);

        assertThat(watch.check()).hasValueSatisfying(line -> assertThat(line)
                .contains("pid " + killed).contains("exit 137 (SIGKILL)").contains("starting it again in 1 s"));
        StackState.App waiting = watch.snapshot();
        assertThat(waiting.state()).isEqualTo(AppState.RESTARTING);
        assertThat(waiting.restartAt()).isEqualTo(now.plusSeconds(1));
        assertThat(waiting.lastExit()).isEqualTo(new AppExit(137, now, false));
        assertThat(watch.check()).as("not before its backoff").isEmpty();

        now = now.plusSeconds(1);
        assertThat(watch.check()).hasValueSatisfying(line -> assertThat(line).contains("started again").contains("restart 1"));

        StackState.App restarted = watch.snapshot();
        assertThat(restarted.pid()).isNotEqualTo(killed).isEqualTo(watch.process().pid());
        assertThat(ProcessHandle.of(restarted.pid()).map(ProcessHandle::isAlive)).contains(true);
        assertThat(restarted.restarts()).isEqualTo(1);
        assertThat(restarted.state()).isEqualTo(AppState.RUNNING);
        assertThat(restarted.startedAt()).isEqualTo(now);
    }

    @Test
    void theStateFileCarriesTheRestartedProcessNotTheDeadOne() throws Exception {
        AppWatch watch = watch(StandInApp.sleeper(), 0);
        watch.start();
        long killed = watch.process().pid();
        killWithSigkill(killed);
        watch.check();
        now = now.plusSeconds(1);
        watch.check();

        Path file = home.resolve("state.json");
        new StackState(ProcessHandle.current().pid(), "ready", now, "http://127.0.0.1:1", "127.0.0.1:9092", "127.0.0.1:6379",
                "postgresql://127.0.0.1:5432/postgres", "online", StackState.UP, StackState.UP,
                Map.of(Stack.STREAMS, watch.snapshot())).writeTo(file);

        StackState.App read = StackState.readFrom(file).orElseThrow().apps().get(Stack.STREAMS);
        assertThat(read).isEqualTo(watch.snapshot());
        assertThat(read.pid()).isNotEqualTo(killed).isEqualTo(watch.process().pid());
        assertThat(read.restarts()).isEqualTo(1);
        assertThat(read.lastExit().describe()).isEqualTo("exit 137 (SIGKILL)");
    }

    @Test
    void anAppStoppedOnPurposeStaysDown() {
        AppWatch watch = watch(StandInApp.sleeper(), 0);
        watch.start();

        watch.stopOnPurpose(true);
        now = now.plus(Duration.ofHours(1));

        assertThat(watch.check()).isEmpty();
        assertThat(watch.process().isAlive()).isFalse();
        StackState.App stopped = watch.snapshot();
        assertThat(stopped.state()).isEqualTo(AppState.STOPPED);
        assertThat(stopped.restarts()).isZero();
        assertThat(stopped.lastExit().onPurpose()).isTrue();
        assertThat(stopped.lastExit().describe()).isEqualTo("exit 137 (SIGKILL)");
    }

    @Test
    void anAppThatKeepsCrashingIsReportedAsACrashLoopAndStillRetriedAtTheCappedPace() throws InterruptedException {
        AppWatch watch = watch(StandInApp.crasher(), 0);
        watch.start();

        List<Duration> waits = new ArrayList<>();
        for (int crash = 1; crash <= 4; crash++) {
            awaitExit(watch);
            assertThat(watch.check()).isPresent();
            waits.add(Duration.between(now, watch.snapshot().restartAt()));
            now = watch.snapshot().restartAt();
            assertThat(watch.check()).hasValueSatisfying(line -> assertThat(line).contains("started again"));
        }

        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
        awaitExit(watch);
        assertThat(watch.check()).hasValueSatisfying(line -> assertThat(line)
                .contains("exit 3").contains("crash loop: 5 crashes in a row").contains("streams.log"));
        StackState.App looping = watch.snapshot();
        assertThat(looping.state()).isEqualTo(AppState.CRASH_LOOP);
        assertThat(looping.crashesInARow()).isEqualTo(5);
        assertThat(looping.restarts()).isEqualTo(4);
        assertThat(looping.restartAt()).isEqualTo(now.plusSeconds(8));
    }

    @Test
    void aRunThatLastedForgivesTheCrashesBeforeIt() {
        AppWatch watch = watch(StandInApp.sleeper(), 0);
        watch.start();
        for (int crash = 1; crash <= 2; crash++) {
            killWithSigkill(watch.process().pid());
            watch.check();
            now = watch.snapshot().restartAt();
            watch.check();
        }
        assertThat(watch.snapshot().crashesInARow()).isEqualTo(2);

        now = now.plus(BACKOFF.stableAfter());
        watch.check();
        killWithSigkill(watch.process().pid());
        watch.check();

        assertThat(watch.snapshot().crashesInARow()).isEqualTo(1);
        assertThat(watch.snapshot().restartAt()).isEqualTo(now.plus(BACKOFF.first()));
    }

    @Test
    void aRestartOnRequestStopsGracefullyStartsANewProcessAndItBecomesHealthy() {
        int port = FreePorts.next();
        AppWatch watch = watch(StandInApp.healthy(home.resolve("src"), port), port);
        watch.start();
        watch.process().awaitHealthy(Duration.ofSeconds(30));
        long before = watch.process().pid();

        watch.restartNow();
        watch.process().awaitHealthy(Duration.ofSeconds(30));

        StackState.App after = watch.snapshot();
        assertThat(after.pid()).isNotEqualTo(before);
        assertThat(after.state()).isEqualTo(AppState.RUNNING);
        assertThat(after.lastExit().describe()).as("SIGTERM, not SIGKILL").isEqualTo("exit 143 (SIGTERM)");
        assertThat(after.lastExit().onPurpose()).isTrue();
        assertThat(after.restarts()).as("restarts count crashes repaired, not the owner's requests").isZero();
    }

    @Test
    void aRestartOnRequestThatCannotStartIsLeftToTheBackoffNotStoppedForGood() throws Exception {
        Path program = Files.writeString(home.resolve("app.sh"), "#!/bin/sh\nexec sleep 600\n");
        assertThat(program.toFile().setExecutable(true)).isTrue();
        AppWatch watch = watch(List.of(program.toString()), 0);
        watch.start();
        Files.delete(program); // e.g. its jar removed by a rebuild

        assertThatThrownBy(watch::restartNow).hasMessageContaining("could not start streams");

        StackState.App after = watch.snapshot();
        assertThat(after.state()).isEqualTo(AppState.RESTARTING);
        assertThat(after.restartAt()).isEqualTo(now.plus(BACKOFF.first()));
    }

    private AppWatch watch(List<String> command, int port) {
        StackLayout layout = new StackLayout(home, home.resolve(".nightshift"));
        AppWatch watch = new AppWatch(new AppProcess(new AppSpec(Stack.STREAMS, StackApp.STREAMS.module(), port, List.of()),
                command, layout), BACKOFF, clock);
        watches.add(watch);
        return watch;
    }

    /** {@code kill -9} from outside the supervisor, as a person or the OOM killer would. */
    private static void killWithSigkill(long pid) {
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
        assertThat(process.destroyForcibly()).isTrue();
        process.onExit().join();
    }

    private static void awaitExit(AppWatch watch) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (watch.process().isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(watch.process().isAlive()).as("the stand-in exited").isFalse();
    }
}
