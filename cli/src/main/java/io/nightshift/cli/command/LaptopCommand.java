package io.nightshift.cli.command;

import io.nightshift.cli.stack.StackLayout;
import io.nightshift.cli.stack.StackState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Simulates the owner's laptop going away (killed without warning, like a lid closing or a
 * power cut) and coming back. The cloud keeps serving from Redis; fresh requests wait in Kafka.
 */
@Command(name = "laptop", mixinStandardHelpOptions = true,
        description = {"Take the laptop offline or bring it back online.",
                "offline kills it without warning, like a lid closing or a power cut; online starts it again."})
final class LaptopCommand implements Callable<Integer> {

    enum Wish { offline, online }

    static final Duration WAIT = Duration.ofMinutes(2);

    @Spec
    CommandSpec spec;

    /** {@code ./nightshift laptop} alone: a usage error that names the two subcommands. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand: offline or online");
    }

    @Command(name = "offline", mixinStandardHelpOptions = true,
            description = "Kill the laptop app without warning; the cloud keeps serving.")
    int offline() throws InterruptedException {
        return become(Wish.offline);
    }

    @Command(name = "online", mixinStandardHelpOptions = true,
            description = "Start the laptop app again; it drains the requests that waited.")
    int online() throws InterruptedException {
        return become(Wish.online);
    }

    private int become(Wish wish) throws InterruptedException {
        StackLayout layout = StackLayout.discover();
        Wishes.await(layout, layout.laptopWish(), wish.name(), "the laptop", StackState::laptop, WAIT,
                layout.logs().resolve("laptop.log"));
        spec.commandLine().getOut().println(wish == Wish.offline
                ? "The laptop is offline. Shoppers still get answers (cached batch lists, then trending/popular);"
                        + " fresh requests wait in Kafka until it returns."
                : "The laptop is back online; it drains the fresh requests that waited and catches up on missed runs.");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
