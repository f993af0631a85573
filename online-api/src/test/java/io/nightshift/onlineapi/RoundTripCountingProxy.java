package io.nightshift.onlineapi;

import io.nightshift.infra.local.RedisEndpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy in front of Redis that counts round trips: one starts when a client writes after
 * having been answered (or for the first time). A pipeline of N commands is one round trip, N
 * sequential commands are N, and a script is one whatever it runs inside Redis, which is what
 * Redis's own counters cannot tell (INFO commandstats counts the commands a script calls too).
 */
final class RoundTripCountingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final RedisEndpoint target;
    private final AtomicLong roundTrips = new AtomicLong();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private RoundTripCountingProxy(RedisEndpoint target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.startVirtualThread(this::accept);
    }

    static RoundTripCountingProxy to(RedisEndpoint target) {
        try {
            return new RoundTripCountingProxy(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where clients connect instead of Redis. */
    RedisEndpoint endpoint() {
        return new RedisEndpoint(server.getInetAddress().getHostAddress(), server.getLocalPort());
    }

    long roundTrips() {
        return roundTrips.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket redis = new Socket(target.host(), target.port());
                client.setTcpNoDelay(true);
                redis.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(redis);
                // True while the last thing on this connection was an answer: the client's next write opens a round trip.
                var answered = new AtomicBoolean(true);
                Thread.startVirtualThread(() -> copy(client, redis, () -> {
                    if (answered.getAndSet(false)) {
                        roundTrips.incrementAndGet();
                    }
                }));
                // Marked before the answer is passed on, so the client's next request sees it.
                Thread.startVirtualThread(() -> copy(redis, client, () -> answered.set(true)));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void copy(Socket from, Socket to, Runnable beforeEachChunk) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[16384];
            for (int read; (read = in.read(buffer)) >= 0; ) {
                beforeEachChunk.run();
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException closed) {
            // either side went away: the other follows when its socket is closed
        } finally {
            close(from);
            close(to);
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        sockets.forEach(RoundTripCountingProxy::close);
    }
}
