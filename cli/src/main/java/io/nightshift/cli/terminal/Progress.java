package io.nightshift.cli.terminal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Supplier;

/** Human-readable progress of long work: one line per finished step, with its duration. */
public final class Progress {

    private final PrintStream out;
    private final long startedAt = System.nanoTime();

    public Progress(PrintStream out) {
        this.out = out;
    }

    public <T> T step(String what, Supplier<T> work) {
        long start = System.nanoTime();
        out.printf("  .. %s%n", what);
        out.flush();
        T result = work.get();
        out.printf("  ok %s  (%.1f s)%n", what, (System.nanoTime() - start) / 1e9);
        out.flush();
        return result;
    }

    /** One line of a progress bar for counted work, with rate and time left; callers decide how often. */
    public void bar(String what, long done, long total, Duration elapsed) {
        int width = 30;
        int filled = total == 0 ? width : (int) (width * done / total);
        double rate = elapsed.toMillis() == 0 ? 0 : done * 1000.0 / elapsed.toMillis();
        long etaSeconds = rate == 0 ? 0 : (long) ((total - done) / rate);
        out.printf("  [%s%s] %s %d/%d  %.0f/s  eta %ds%n", "#".repeat(filled), " ".repeat(width - filled),
                what, done, total, rate, etaSeconds);
        out.flush();
    }

    public void info(String line) {
        out.println(line);
        out.flush();
    }

    public void warn(String line) {
        out.println("  !! " + line);
        out.flush();
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedAt);
    }
}
