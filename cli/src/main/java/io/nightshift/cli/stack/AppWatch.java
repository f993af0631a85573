package io.nightshift.cli.stack;

import io.nightshift.cli.terminal.Durations;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Keeps one application alive: a process that ends without the supervisor asking (a crash,
 * {@code kill -9}, the JVM out of memory) is started again after the {@link Backoff}'s wait; one
 * the supervisor stopped on purpose stays down until it is started on purpose. Driven by the
 * supervisor's loop through {@link #check()}, one thread at a time.
 */
final class AppWatch {

    private final AppProcess process;
    private final Backoff backoff;
    private final InstantSource clock;
    private AppState state = AppState.STOPPED;
    private Instant startedAt;
    private int restarts;
    private int crashesInARow;
    private AppExit lastExit;
    private Instant restartAt;

    AppWatch(AppProcess process, Backoff backoff, InstantSource clock) {
        this.process = process;
        this.backoff = backoff;
        this.clock = clock;
    }

    String name() {
        return process.spec().name();
    }

    AppProcess process() {
        return process;
    }

    AppState state() {
        return state;
    }

    /** Starts the process (the stack's first start, or the laptop back online); health is the caller's to await. */
    void start() {
        process.start();
        state = AppState.RUNNING;
        startedAt = clock.instant();
        restartAt = null;
    }

    /**
     * One turn of the supervisor: notices a process that ended, starts it again once its wait is
     * over, and forgets old crashes once it has stayed up.
     *
     * @return a line for the supervisor's log when something changed
     */
    Optional<String> check() {
        return switch (state) {
            case STOPPED -> Optional.empty();
            case RUNNING -> noticeExit();
            case RESTARTING, CRASH_LOOP -> clock.instant().isBefore(restartAt) ? Optional.empty() : restart();
        };
    }

    /** Ends the process on purpose (SIGKILL when {@code abruptly}, like a laptop losing power); it stays down. */
    void stopOnPurpose(boolean abruptly) {
        boolean running = process.isAlive(); // a crashed one keeps its crash as the last exit
        OptionalInt code = abruptly ? process.kill() : process.stop();
        if (running) {
            code.ifPresent(c -> lastExit = new AppExit(c, clock.instant(), true));
        }
        state = AppState.STOPPED;
        restartAt = null;
    }

    /**
     * The owner's {@code ./nightshift restart}: a graceful stop, then a start (health is the
     * caller's to await). A fresh start on request also forgets the crashes before it.
     */
    void restartNow() {
        if (state == AppState.STOPPED) {
            throw new IllegalStateException(name() + " is stopped on purpose; it is not restarted behind the owner's back");
        }
        stopOnPurpose(false);
        crashesInARow = 0;
        try {
            start();
        } catch (RuntimeException e) {
            // Left stopped, nothing would ever start it again: the backoff takes over, as after a crash.
            crashesInARow = 1;
            scheduleRestart(clock.instant());
            throw e;
        }
    }

    StackState.App snapshot() {
        return new StackState.App(process.pid(), process.spec().port(), state, startedAt, restarts, lastExit, restartAt,
                crashesInARow);
    }

    private Optional<String> noticeExit() {
        Instant now = clock.instant();
        if (process.isAlive()) {
            if (crashesInARow > 0 && !now.isBefore(startedAt.plus(backoff.stableAfter()))) {
                crashesInARow = 0; // it stayed up: the next crash starts the backoff over
            }
            return Optional.empty();
        }
        lastExit = new AppExit(process.exitCode().orElse(-1), now, false);
        crashesInARow++;
        return Optional.of(name() + " (pid " + process.pid() + ") ended unexpectedly with " + lastExit.describe()
                + "; " + scheduleRestart(now));
    }

    private Optional<String> restart() {
        try {
            process.start();
        } catch (RuntimeException e) {
            crashesInARow++;
            return Optional.of("could not start " + name() + " again: " + e.getMessage() + "; " + scheduleRestart(clock.instant()));
        }
        restarts++;
        state = AppState.RUNNING;
        startedAt = clock.instant();
        restartAt = null;
        return Optional.of(name() + " started again (pid " + process.pid() + ", restart " + restarts + ")");
    }

    private String scheduleRestart(Instant now) {
        Duration wait = backoff.delayAfter(crashesInARow);
        restartAt = now.plus(wait);
        state = backoff.isCrashLoop(crashesInARow) ? AppState.CRASH_LOOP : AppState.RESTARTING;
        String next = "starting it again in " + Durations.human(wait);
        return state == AppState.CRASH_LOOP
                ? "crash loop: " + crashesInARow + " crashes in a row, " + next + "; see " + process.log()
                : next;
    }
}
