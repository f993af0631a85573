package io.nightshift.cli.command;

import io.nightshift.cli.stack.StackLayout;
import io.nightshift.cli.stack.StackState;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * A server of the running stack stopped or started on demand: the wish goes to the stack's
 * supervisor, the command waits until the stack's state shows it, then says what shoppers see.
 */
abstract class ServerOutageCommand implements Callable<Integer> {

    enum Action { stop, start }

    /** Optional to picocli only so that a server command may also have subcommands ({@code kafka setup-access}); checked in {@link #call()}. */
    @Parameters(index = "0", arity = "0..1", paramLabel = "stop|start", description = "stop or start")
    Action action;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2m", description = "How long to wait for the supervisor, e.g. 90s, 10m or 1h30m (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Spec
    CommandSpec spec;

    /** The server's name in messages. */
    abstract String server();

    abstract Path wishFile(StackLayout layout);

    abstract Function<StackState, String> status();

    abstract String stoppedMessage();

    abstract String startedMessage(StackState state);

    @Override
    public Integer call() throws Exception {
        if (action == null) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: 'stop|start'");
        }
        StackLayout layout = StackLayout.discover();
        String wished = action == Action.stop ? StackState.STOPPED : StackState.UP;
        StackState state = Wishes.await(layout, wishFile(layout), wished, server(), status(), timeout, layout.supervisorLog());
        spec.commandLine().getOut().println(action == Action.stop ? stoppedMessage() : startedMessage(state));
        return 0;
    }
}
