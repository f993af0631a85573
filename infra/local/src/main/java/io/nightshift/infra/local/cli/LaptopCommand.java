package io.nightshift.infra.local.cli;

import io.nightshift.infra.local.stack.StackLayout;
import io.nightshift.infra.local.stack.StackState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Simulates the owner's laptop going away (killed without warning, like a lid closing or a
 * power cut) and coming back. The cloud keeps serving from Redis; fresh requests wait in Kafka.
 */
@Command(name = "laptop", description = "Take the laptop offline (killed without warning) or bring it back online.")
final class LaptopCommand implements Callable<Integer> {

    enum Wish { offline, online }

    static final Duration WAIT = Duration.ofMinutes(2);

    @Parameters(index = "0", paramLabel = "offline|online", description = "offline or online")
    Wish wish;

    @Override
    public Integer call() throws Exception {
        StackLayout layout = StackLayout.discover();
        RunningStack.require(layout);
        Files.writeString(layout.laptopWish(), wish.name());
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            StackState state = RunningStack.require(layout);
            if (wish.name().equals(state.laptop())) {
                System.out.println(wish == Wish.offline
                        ? "The laptop is offline. Shoppers still get answers (cached batch lists, then trending/popular);"
                                + " fresh requests wait in Kafka until it returns."
                        : "The laptop is back online; it drains the fresh requests that waited and catches up on missed runs.");
                return 0;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the supervisor did not make the laptop " + wish + " within " + WAIT.toSeconds()
                + " s; see " + layout.logs().resolve("laptop.log"));
    }
}
