package io.nightshift.cli.stack;

import java.time.Instant;

/**
 * How an application's process last ended.
 *
 * @param code     its exit value; the JDK reports a process killed by signal N as 128 + N
 * @param at       when the supervisor saw it end
 * @param onPurpose whether the supervisor ended it (stop, laptop offline, restart on request)
 */
public record AppExit(int code, Instant at, boolean onPurpose) {

    /** {@code exit 137 (SIGKILL)}: the code, and the signal where the code is one. */
    public String describe() {
        String signal = signalName(code - 128);
        return "exit " + code + (signal == null ? "" : " (" + signal + ")");
    }

    /** The signals that end a JVM in practice; others are shown as their number only. */
    private static String signalName(int signal) {
        return switch (signal) {
            case 1 -> "SIGHUP";
            case 2 -> "SIGINT";
            case 3 -> "SIGQUIT";
            case 6 -> "SIGABRT";
            case 9 -> "SIGKILL";
            case 11 -> "SIGSEGV";
            case 15 -> "SIGTERM";
            default -> null;
        };
    }
}
