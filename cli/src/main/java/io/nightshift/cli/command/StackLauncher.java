package io.nightshift.cli.command;

import io.nightshift.cli.stack.StackLayout;
import io.nightshift.cli.stack.StackState;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts the supervisor in the background (so the terminal is free for the next command) and
 * relays its progress until the stack is ready or has failed.
 */
final class StackLauncher {

    static final Duration READY_TIMEOUT = Duration.ofMinutes(6);

    private final StackLayout layout;
    private final PrintStream out;

    StackLauncher(StackLayout layout, PrintStream out) {
        this.layout = layout;
        this.out = out;
    }

    /** The running stack, if its supervisor is alive. */
    Optional<StackState> running() {
        return StackState.readFrom(layout.stateFile()).filter(StackState::supervisorAlive);
    }

    StackState launchAndFollow(List<String> superviseArgs) {
        Path jar = layout.execJar("cli").orElseThrow(() ->
                new IllegalStateException("the CLI jar is missing; build with ./mvnw -DskipTests package"));
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid"); // its own session: closing this terminal does not stop the stack
        }
        command.addAll(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-Xmx1g",
                "-Dnightshift.home=" + layout.home(), "-jar", layout.privateCopy(jar, "supervisor").toString(), "supervise"));
        command.addAll(superviseArgs);
        try {
            Files.createDirectories(layout.logs());
            Files.deleteIfExists(layout.supervisorLog());
            Files.deleteIfExists(layout.stateFile()); // a stale file of a dead supervisor
            Files.createFile(layout.supervisorLog());
            Process supervisor = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(layout.supervisorLog().toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            return follow(supervisor);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the supervisor", e);
        }
    }

    private StackState follow(Process supervisor) throws IOException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (BufferedReader log = Files.newBufferedReader(layout.supervisorLog())) {
            while (System.nanoTime() < deadline) {
                String line;
                while ((line = log.readLine()) != null) {
                    out.println(line);
                }
                Optional<StackState> state = StackState.readFrom(layout.stateFile()).filter(s -> startedBy(s, supervisor));
                if (state.isPresent() && "ready".equals(state.get().phase())) {
                    while ((line = log.readLine()) != null) {
                        out.println(line);
                    }
                    return state.get();
                }
                if (!supervisor.isAlive()) {
                    while ((line = log.readLine()) != null) {
                        out.println(line);
                    }
                    throw new IllegalStateException("the stack did not start (see " + layout.supervisorLog() + ")");
                }
                sleep();
            }
        }
        throw new IllegalStateException("the stack was not ready after " + READY_TIMEOUT.toMinutes()
                + " minutes; see " + layout.supervisorLog() + " and stop it with ./nightshift down");
    }

    /** setsid usually execs in place, but may fork: the supervisor is the process or its child. */
    private static boolean startedBy(StackState state, Process supervisor) {
        return state.supervisorPid() == supervisor.pid()
                || supervisor.descendants().anyMatch(child -> child.pid() == state.supervisorPid());
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
