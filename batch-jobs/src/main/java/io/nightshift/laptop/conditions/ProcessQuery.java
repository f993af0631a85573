package io.nightshift.laptop.conditions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Asks the operating system through a short-lived process (on Windows, PowerShell's CIM queries: there is no
 * sysfs). Anything but a clean exit within the time limit is no answer, never an error: the heartbeat goes out anyway.
 */
class ProcessQuery {

    private final List<String> command;
    private final Duration timeout;

    ProcessQuery(List<String> command, Duration timeout) {
        this.command = List.copyOf(command);
        this.timeout = timeout;
    }

    /** A PowerShell one-liner, without the user's profile (fast, and nothing of theirs runs). */
    static ProcessQuery powerShell(String script) {
        return new ProcessQuery(List.of("powershell.exe", "-NoProfile", "-NonInteractive", "-Command", script), Duration.ofSeconds(10));
    }

    Optional<String> run() {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.exitValue() == 0 ? Optional.of(output) : Optional.empty();
        } catch (IOException e) {
            process.destroyForcibly();
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return Optional.empty();
        }
    }
}
