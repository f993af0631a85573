package io.nightshift.cli.stack;

import io.nightshift.infra.local.servers.LocalKafka;
import io.nightshift.infra.local.servers.LocalRedis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One of the stack's servers as the owner wished it from another terminal ({@code ./nightshift
 * redis stop}, {@code ./nightshift kafka start}): the command writes {@code up} or {@code stopped}
 * to a wish file, the supervisor's loop calls {@link #follow()}, and the state file reports what
 * became true. A wish that cannot be applied is deleted, so the waiting command fails at once
 * (pointing at the supervisor's log) instead of the loop retrying it every half second.
 */
public final class ServerSwitch {

    /** What stopping and starting mean for one server; each returns a line for the supervisor's log. */
    public interface Server {
        String stop();

        String start();
    }

    private final String name;
    private final Path wishFile;
    private final Server server;
    private String state = StackState.UP;

    public ServerSwitch(String name, Path wishFile, Server server) {
        this.name = name;
        this.wishFile = wishFile;
        this.server = server;
    }

    /**
     * Redis stopped for real (clients get connection refused) but, like a Redis with persistence,
     * back with its data: the embedded server keeps nothing on disk and starts empty, so its keys
     * are saved to {@code snapshot} before it stops and restored when it starts on the same port.
     */
    public static ServerSwitch redis(LocalRedis redis, Path wishFile, Path snapshot) {
        return redis(redis, RedisLogin.NONE, wishFile, snapshot);
    }

    /** The same for a Redis that asks for a login (the secure stack's). */
    static ServerSwitch redis(LocalRedis redis, RedisLogin login, Path wishFile, Path snapshot) {
        return new ServerSwitch("redis", wishFile, new Server() {
            @Override
            public String stop() {
                long keys = RedisSnapshot.save(redis.endpoint(), login, snapshot);
                redis.stop();
                return keys + " keys saved";
            }

            @Override
            public String start() {
                redis.restart();
                long keys = RedisSnapshot.load(redis.endpoint(), login, snapshot);
                return keys + " keys restored";
            }
        });
    }

    /** Kafka stopped and started on the same ports with the same log: nothing written before is lost. */
    public static ServerSwitch kafka(LocalKafka kafka, Path wishFile) {
        return new ServerSwitch("kafka", wishFile, new Server() {
            @Override
            public String stop() {
                kafka.stop();
                return "log kept";
            }

            @Override
            public String start() {
                kafka.restart();
                return "same ports, same log";
            }
        });
    }

    /** {@code up} or {@code stopped}: what the last {@link #follow()} made true. */
    public String state() {
        return state;
    }

    /**
     * Applies the wish if it differs from the state.
     *
     * @return a line for the supervisor's log when the server changed, empty when nothing was to do
     * @throws IllegalStateException when the wish is unknown or could not be applied (the wish is then deleted)
     */
    public Optional<String> follow() {
        Optional<String> wish = readWish();
        if (wish.isEmpty() || wish.get().equals(state)) {
            return Optional.empty();
        }
        try {
            String done = switch (wish.get()) {
                case StackState.STOPPED -> server.stop();
                case StackState.UP -> server.start();
                default -> throw new IllegalStateException("unknown wish '" + wish.get() + "' in " + wishFile);
            };
            state = wish.get();
            return Optional.of(name + " " + state + " (" + done + ")");
        } catch (RuntimeException e) {
            deleteWish();
            throw new IllegalStateException("could not make " + name + " " + wish.get() + ": " + e.getMessage(), e);
        }
    }

    private Optional<String> readWish() {
        try {
            return Files.exists(wishFile) ? Optional.of(Files.readString(wishFile).trim()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // half-written by the command: read it at the next turn
        }
    }

    private void deleteWish() {
        try {
            Files.deleteIfExists(wishFile);
        } catch (IOException ignored) {
            // The command then waits until its timeout instead of failing at once; the log says why.
        }
    }
}
