package io.nightshift.cli.bench;

import io.nightshift.infra.local.servers.LocalRedis;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The cloud-box-alone pinning on real processes: a real redis-server, a child process in the API's place, real taskset. */
class CloudBoxPinningTest {

    @Test
    void coreListsReadAsTasksetWritesThem() {
        assertThat(Taskset.parseList("0-2,5\n")).containsExactly(0, 1, 2, 5);
        assertThat(Taskset.parseList(" 1")).containsExactly(1);
        assertThat(Taskset.format(List.of(0, 1, 3))).isEqualTo("0,1,3");
    }

    @Test
    void theHighestCoreIsTheCloudBoxAndTheRestRunEverythingElse() {
        assertThat(CloudBoxPinning.split(List.of(0, 1))).contains(List.of(List.of(1), List.of(0)));
        assertThat(CloudBoxPinning.split(List.of(0, 1, 2, 3))).contains(List.of(List.of(3), List.of(0, 1, 2)));
        assertThat(CloudBoxPinning.split(List.of(0))).isEmpty();
    }

    @Test
    void oneCoreSkipsTheRunsWithTheReasonAndMovesNothing() throws IOException {
        Taskset taskset = new Taskset(Path.of("/nonexistent/taskset")); // never run: nothing to move on one core
        CloudBoxPinning.Attempt attempt = CloudBoxPinning.tryPin(taskset, List.of(0), ProcessHandle.current().pid(), 1, List.of());

        assertThat(attempt.pinning()).isEmpty();
        assertThat(attempt.skipped()).contains("only core 0").contains("no second core");
    }

    @Test
    void aTasksetThatFailsSkipsTheRunsInsteadOfFailingTheBench() throws Exception {
        assumeTrue(Taskset.allowedCores().size() >= 2, "needs two cores");
        Process api = new ProcessBuilder("sleep", "60").start();
        try (LocalRedis redis = LocalRedis.start()) {
            Taskset broken = new Taskset(Path.of("/bin/false"));
            CloudBoxPinning.Attempt attempt = CloudBoxPinning.tryPin(broken, Taskset.allowedCores(), api.pid(),
                    redis.endpoint().port(), List.of());

            assertThat(attempt.pinning()).isEmpty();
            assertThat(attempt.skipped()).contains("taskset could not pin");
        } finally {
            api.destroyForcibly().waitFor();
        }
    }

    @Test
    void theApiAndRedisGetOneCoreEverythingElseTheOthersAndAllGetTheirCoresBack() throws Exception {
        Optional<Taskset> taskset = Taskset.onPath();
        List<Integer> allowed = Taskset.allowedCores();
        assumeTrue(taskset.isPresent() && allowed.size() >= 2, "needs taskset and two cores");
        Process api = new ProcessBuilder("sleep", "60").start();
        Process other = new ProcessBuilder("sleep", "60").start();
        try (LocalRedis redis = LocalRedis.start()) {
            long redisPid = ListeningProcesses.on(redis.endpoint().port()).iterator().next();
            String before = taskset.get().affinity(api.pid());

            CloudBoxPinning.Attempt attempt = CloudBoxPinning.tryPin(taskset.get(), allowed, api.pid(), redis.endpoint().port(), List.of());

            assertThat(attempt.skipped()).isNull();
            String cloudBox = Integer.toString(allowed.getLast());
            try (CloudBoxPinning pinning = attempt.pinning().orElseThrow()) {
                assertThat(taskset.get().affinity(api.pid())).isEqualTo(cloudBox);
                assertThat(taskset.get().affinity(redisPid)).isEqualTo(cloudBox);
                assertThat(Taskset.parseList(taskset.get().affinity(other.pid()))).doesNotContain(allowed.getLast());
                assertThat(Taskset.parseList(taskset.get().affinity(ProcessHandle.current().pid()))).doesNotContain(allowed.getLast());
                assertThat(pinning.label()).isEqualTo("cloud box alone (API + Redis on core " + cloudBox + ")");
                assertThat(pinning.description()).contains("pid " + api.pid()).contains("1 of 1 threads on it");
            }
            assertThat(taskset.get().affinity(api.pid())).isEqualTo(before);
            assertThat(Taskset.parseList(taskset.get().affinity(redisPid))).isEqualTo(allowed);
            assertThat(Taskset.allowedCores()).isEqualTo(allowed);
        } finally {
            api.destroyForcibly().waitFor();
            other.destroyForcibly().waitFor();
        }
    }

    @Test
    void theServerOnAPortIsFoundFromProcfs() throws IOException {
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "needs procfs");
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            assertThat(ListeningProcesses.on(socket.getLocalPort())).containsExactly(ProcessHandle.current().pid());
        }
    }
}
