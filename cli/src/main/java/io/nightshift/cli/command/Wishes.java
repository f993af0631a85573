package io.nightshift.cli.command;

import io.nightshift.cli.stack.StackLayout;
import io.nightshift.cli.stack.StackState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;

/**
 * How the owner's commands change the running stack: they write what they want into a wish file
 * that the supervisor follows, then wait until the state file reports it. The supervisor deletes
 * a wish it could not apply, which ends the wait at once.
 */
final class Wishes {

    private static final Duration POLL = Duration.ofMillis(250);

    private Wishes() {
    }

    /**
     * @param what     e.g. "Redis", for the error message
     * @param reported what the state file says is true now, e.g. {@link StackState#redisStatus()}
     * @param log      where to look when it did not come true
     * @return the state in which the wish came true
     */
    static StackState await(StackLayout layout, Path wishFile, String wished, String what,
                            Function<StackState, String> reported, Duration timeout, Path log) throws InterruptedException {
        RunningStack.require(layout);
        write(wishFile, wished);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            StackState state = RunningStack.require(layout);
            if (wished.equals(reported.apply(state))) {
                return state;
            }
            if (!Files.exists(wishFile)) {
                throw new IllegalStateException("the supervisor could not make " + what + " " + wished + "; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the supervisor did not make " + what + " " + wished + " within "
                        + timeout.toSeconds() + " s; see " + log);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Whole or not at all: the supervisor polls the file and must never read half a word. */
    static void write(Path wishFile, String wished) {
        try {
            Path tmp = wishFile.resolveSibling(wishFile.getFileName() + ".tmp");
            Files.writeString(tmp, wished);
            Files.move(tmp, wishFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + wishFile, e);
        }
    }
}
