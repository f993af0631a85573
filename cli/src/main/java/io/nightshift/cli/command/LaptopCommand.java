package io.nightshift.cli.command;

import io.nightshift.cli.stack.StackLayout;
import io.nightshift.cli.stack.StackState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        StackLayout layout = StackLayout.discover();
        Wishes.await(layout, layout.laptopWish(), wish.name(), "the laptop", StackState::laptop, WAIT,
                layout.logs().resolve("laptop.log"));
        spec.commandLine().getOut().println(wish == Wish.offline
                ? "The laptop is offline. Shoppers still get answers (cached batch lists, then trending/popular);"
                        + " fresh requests wait in Kafka until it returns."
                : "The laptop is back online; it drains the fresh requests that waited and catches up on missed runs.");
        return 0;
    }
}
