package io.nightshift.cli.stack;

import io.nightshift.schemas.codec.ContractCodec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What a running stack tells other {@code ./nightshift} invocations: where everything answers and
 * which processes to signal. Written atomically to {@code .nightshift/state.json}.
 *
 * @param phase   {@code starting}, {@code ready} or {@code stopping}
 * @param laptop       {@code online} or {@code offline}: what the supervisor last made true
 * @param redisStatus  {@code up} or {@code stopped} (by {@code ./nightshift redis stop}): what the supervisor last made true
 * @param kafkaStatus  {@code up} or {@code stopped} (by {@code ./nightshift kafka stop}), likewise
 * @param apps         application name → its live process and how the supervisor keeps it alive
 * @param secrets      the owner-only file with the secure stack's generated secrets ({@link StackSecrets});
 *                     null for the plaintext demo, whose secrets are the public demo values
 */
public record StackState(long supervisorPid, String phase, Instant startedAt, String apiUrl, String kafka,
                         String redis, String postgres, String laptop, String redisStatus, String kafkaStatus,
                         Map<String, App> apps, String secrets) {

    /** A plaintext stack's state. */
    public StackState(long supervisorPid, String phase, Instant startedAt, String apiUrl, String kafka, String redis,
                      String postgres, String laptop, String redisStatus, String kafkaStatus, Map<String, App> apps) {
        this(supervisorPid, phase, startedAt, apiUrl, kafka, redis, postgres, laptop, redisStatus, kafkaStatus, apps, null);
    }

    public static final String UP = "up";
    public static final String STOPPED = "stopped";

    /**
     * One application as the supervisor last saw it; rewritten whenever its process changes, so
     * the pid is always the live one (or the last one while it waits to be restarted).
     *
     * @param pid       the process id, -1 when none was started
     * @param port      its HTTP port
     * @param state     running, restarting, in a crash loop or stopped on purpose
     * @param startedAt when the current (or last) process started
     * @param restarts  how often the supervisor started it again after it crashed
     * @param lastExit  how its previous process ended; null while the first one runs
     * @param restartAt when it is started again (restarting, crash loop); null otherwise
     * @param crashesInARow crashes since it last stayed up long enough to count as recovered
     */
    public record App(long pid, int port, AppState state, Instant startedAt, int restarts, AppExit lastExit,
                      Instant restartAt, int crashesInARow) {

        public App(long pid, int port) {
            this(pid, port, AppState.RUNNING, null, 0, null, null, 0);
        }

        public App {
            state = state == null ? AppState.RUNNING : state; // a file written before states existed
        }
    }

    public StackState with(String newPhase, String newLaptop, Map<String, App> newApps) {
        return new StackState(supervisorPid, newPhase, startedAt, apiUrl, kafka, redis, postgres, newLaptop,
                redisStatus, kafkaStatus, newApps, secrets);
    }

    public StackState withServers(String newRedisStatus, String newKafkaStatus) {
        return new StackState(supervisorPid, phase, startedAt, apiUrl, kafka, redis, postgres, laptop,
                newRedisStatus, newKafkaStatus, apps, secrets);
    }

    /** The generated secrets of a secure stack; empty for the plaintext demo (or when the file is gone). */
    public Optional<StackSecrets> secureSecrets() {
        return secrets == null ? Optional.empty() : StackSecrets.readFrom(Path.of(secrets));
    }

    public boolean supervisorAlive() {
        return ProcessHandle.of(supervisorPid).map(ProcessHandle::isAlive).orElse(false);
    }

    public void writeTo(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, ContractCodec.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    public static Optional<StackState> readFrom(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ContractCodec.MAPPER.readValue(Files.readAllBytes(file), StackState.class));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
