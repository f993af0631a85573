package io.nightshift.cli.command;

import io.nightshift.cli.terminal.Durations;
import io.nightshift.cli.stack.AppExit;
import io.nightshift.cli.stack.StackApp;
import io.nightshift.cli.stack.StackState;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.IntPredicate;
import java.util.function.LongPredicate;

/**
 * One application in {@code ./nightshift status}: its live pid, whether the supervisor is
 * bringing it back, how often it did, and how its last process ended.
 */
final class AppStatusLine {

    private AppStatusLine() {
    }

    /**
     * @param key     the app's name in the state file
     * @param alive   whether a pid is a live process: the state file is at most one supervisor turn old
     * @param healthy whether the app on a port answers UP: a restarted JVM runs some seconds before it serves
     */
    static String of(String key, StackState.App app, Instant now, LongPredicate alive, IntPredicate healthy) {
        String name = StackApp.named(key).map(StackApp::module).orElse(key);
        String line = String.format("  %-18s %s", name, now(key, app, now, alive, healthy));
        String history = history(app, now);
        return history.isEmpty() ? line : line + "\n  " + " ".repeat(19) + history;
    }

    private static String now(String key, StackState.App app, Instant now, LongPredicate alive, IntPredicate healthy) {
        return switch (app.state()) {
            case RUNNING -> !alive.test(app.pid())
                    ? "exited (pid " + app.pid() + "); the supervisor starts it again within seconds"
                    : (healthy.test(app.port()) ? "running" : "starting (not healthy yet)")
                            + ", pid " + app.pid() + ", port " + app.port() + upFor(app, now);
            case RESTARTING -> "restarting in " + until(app.restartAt(), now) + " (last pid " + app.pid() + ")";
            case CRASH_LOOP -> "CRASH LOOP: " + app.crashesInARow() + " crashes in a row, next try in "
                    + until(app.restartAt(), now) + "; see .nightshift/logs/" + key + ".log";
            case STOPPED -> "stopped on purpose" + (StackApp.LAPTOP.key().equals(key)
                    ? " (./nightshift laptop online brings it back)" : "");
        };
    }

    private static String history(StackState.App app, Instant now) {
        if (app.restarts() == 0 && app.lastExit() == null) {
            return "";
        }
        String restarts = app.restarts() == 1 ? "1 restart" : app.restarts() + " restarts";
        if (app.lastExit() == null) {
            return restarts;
        }
        AppExit exit = app.lastExit();
        return restarts + "; last " + exit.describe() + ", " + Durations.human(Duration.between(exit.at(), now))
                + " ago (" + exit.at().truncatedTo(ChronoUnit.SECONDS) + ")" + (exit.onPurpose() ? ", on purpose" : ", unexpected");
    }

    private static String upFor(StackState.App app, Instant now) {
        return app.startedAt() == null ? "" : ", up " + Durations.human(Duration.between(app.startedAt(), now));
    }

    private static String until(Instant at, Instant now) {
        if (at == null || !at.isAfter(now)) {
            return "a moment";
        }
        return Durations.human(Duration.between(now, at));
    }
}
