package io.nightshift.featurestore;

import io.nightshift.infra.local.servers.LocalRedis;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Redis away must cost a shopper milliseconds, not a hung request: every call fails within the
 * configured timeout with the one exception the serving layer falls back on.
 */
class UnavailableTest {

    private static final Duration TIMEOUT = Duration.ofMillis(200);
    /** Generous on purpose: the machine is shared; what matters is "bounded", not the exact figure. */
    private static final Duration BOUND = Duration.ofSeconds(2);

    @Test
    void aClosedPortFailsFastWithAMessageThatSaysWhatToDo() throws IOException {
        int port = closedPort();
        try (FeatureStore store = FeatureStore.connect(settings(port))) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> store.serving().servingRead("p-1", "u-1", null, 10))
                    .isInstanceOf(FeatureStoreUnavailableException.class)
                    .hasMessageContaining("127.0.0.1:" + port)
                    .hasMessageContaining("./nightshift up")
                    .satisfies(e -> assertThat(((FeatureStoreUnavailableException) e).address()).isEqualTo("127.0.0.1:" + port));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
        }
    }

    @Test
    void everyKindOfCallFailsTheSameWay() throws IOException {
        try (FeatureStore store = FeatureStore.connect(settings(closedPort()))) {
            List<Runnable> calls = List.of(
                    store::ping,
                    () -> store.catalog().product("p-1"),
                    () -> store.versions().activate("v1", "owner"),
                    () -> store.features().pushRecent("u-1", "p-1", Instant.now()),
                    () -> store.freshLists().markPending("p-1"),
                    () -> store.versions().retireVersionsExcept(Set.of()));

            assertThat(calls).allSatisfy(call -> assertThatThrownBy(call::run)
                    .isInstanceOf(FeatureStoreUnavailableException.class));
        }
    }

    @Test
    void aServerThatAcceptsButNeverAnswersTimesOut() throws IOException {
        var accepted = new ArrayList<Socket>();
        try (var silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             FeatureStore store = FeatureStore.connect(settings(silent.getLocalPort()))) {
            Thread acceptor = Thread.ofVirtual().start(() -> acceptForever(silent, accepted));
            long start = System.nanoTime();

            assertThatThrownBy(store::ping).isInstanceOf(FeatureStoreUnavailableException.class);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
            acceptor.interrupt();
        } finally {
            synchronized (accepted) {
                for (Socket socket : accepted) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void creatingTheStoreNeedsNoRedisAndItRecoversOnceRedisIsUp() throws IOException {
        int port = closedPort();
        try (FeatureStore store = FeatureStore.connect(settings(port))) {
            assertThatThrownBy(store::ping).isInstanceOf(FeatureStoreUnavailableException.class);

            try (LocalRedis redis = LocalRedis.start(port)) {
                assertThat(store.ping()).isPositive();
                assertThat(store.freshLists().markPending("p-recovered")).isTrue();
            }
        }
    }

    private static FeatureStoreSettings settings(int port) {
        return FeatureStoreSettings.of("127.0.0.1", port).withTimeout(TIMEOUT);
    }

    /** A port nobody listens on: bound once by the OS, then released. */
    private static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void acceptForever(ServerSocket server, List<Socket> accepted) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Socket socket = server.accept();
                synchronized (accepted) {
                    accepted.add(socket);
                }
            }
        } catch (IOException closed) {
            // the test closed the server socket: done
        }
    }
}
