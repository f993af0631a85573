package io.nightshift.cli.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a local stack keeps its things: everything under one state folder ({@code <home>/.nightshift}
 * for the CLI), so {@code ./nightshift down} (or deleting that folder) leaves nothing behind.
 *
 * @param home     the repository root, where the modules' jars are built (the {@code ./nightshift}
 *                 script passes it as {@code nightshift.home})
 * @param stateDir logs, working folders and the state file
 */
public record StackLayout(Path home, Path stateDir) {

    public static StackLayout discover() {
        String home = System.getProperty("nightshift.home");
        Path root = Path.of(home != null ? home : ".").toAbsolutePath().normalize();
        return new StackLayout(root, root.resolve(".nightshift"));
    }

    public Path logs() {
        return stateDir().resolve("logs");
    }

    /** Working folders of the applications (Kafka Streams state, the laptop's store); wiped at each start. */
    public Path run() {
        return stateDir().resolve("run");
    }

    /**
     * Private copies of the runnable jars a stack runs from. A rebuild (./mvnw package, or
     * ./nightshift eval rebuilding stale jars) rewrites target/*.jar, and a JVM that loads its
     * classes lazily from a rewritten jar fails on the first class it had not loaded yet (seen as
     * a supervisor that could not shut Kafka down).
     */
    public Path jars() {
        return stateDir().resolve("jars");
    }

    /** Copies a runnable jar into {@link #jars()} under {@code name}, replacing an older copy. */
    public Path privateCopy(Path jar, String name) {
        try {
            Files.createDirectories(jars());
            Path copy = jars().resolve(name + ".jar");
            Files.copy(jar, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return copy;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("could not copy " + jar + " to " + jars(), e);
        }
    }

    /** The local Prometheus's generated configuration, token and data ({@link LocalPrometheus}). */
    public Path prometheus() {
        return stateDir().resolve("prometheus");
    }

    /** The secure stack's certificates (a throwaway CA per server); wiped with {@link #run()}. */
    public Path tls() {
        return run().resolve("tls");
    }

    /** The secure stack's generated secrets, owner-only ({@link StackSecrets}); wiped with {@link #run()}. */
    public Path secretsFile() {
        return run().resolve("secrets.env");
    }

    public Path stateFile() {
        return stateDir().resolve("state.json");
    }

    /** What the owner wants the laptop to be ({@code online}/{@code offline}); the supervisor follows it. */
    public Path laptopWish() {
        return stateDir().resolve("laptop.wish");
    }

    /** What the owner wants Redis to be ({@code up}/{@code stopped}); the supervisor follows it. */
    public Path redisWish() {
        return stateDir().resolve("redis.wish");
    }

    /** What the owner wants Kafka to be ({@code up}/{@code stopped}); the supervisor follows it. */
    public Path kafkaWish() {
        return stateDir().resolve("kafka.wish");
    }

    /** The owner's {@code ./nightshift restart APP} for the app named {@code app}; the supervisor deletes it when done. */
    public Path restartRequest(String app) {
        return stateDir().resolve(app + ".restart");
    }

    /** Redis's keys while the owner has it stopped, restored when it starts again. */
    public Path redisSnapshot() {
        return run().resolve("redis.snapshot");
    }

    public Path supervisorLog() {
        return logs().resolve("supervisor.log");
    }

    public Path djlCache() {
        return home.resolve(".cache").resolve("djl");
    }

    /** The runnable jar a module's build produced, e.g. {@code online-api/target/nightshift-online-api-0.1.0-SNAPSHOT-exec.jar}. */
    public Optional<Path> execJar(String module) {
        Path target = home.resolve(module).resolve("target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-exec.jar")).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
