package io.nightshift.cli.command;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./nightshift}: the whole platform on one machine, and the owner's everyday commands.
 * User mistakes end with a message that says what to do, never a stack trace.
 */
@Command(name = "nightshift", mixinStandardHelpOptions = true, version = "Nightshift 0.1.0",
        description = "Runs Nightshift locally: real Kafka, Redis and PostgreSQL, the cloud apps and the laptop app.",
        subcommands = {DemoCommand.class, UpCommand.class, DownCommand.class, StatusCommand.class,
                LaptopCommand.class, RestartCommand.class, RedisCommand.class, KafkaCommand.class, BatchCommand.class, ImportCommand.class, EvalCommand.class, BenchCommand.class, ReplayCommand.class, BackupCommand.class, SuperviseCommand.class, CommandLine.HelpCommand.class})
public final class NightshiftCli {

    public static void main(String[] args) {
        quietLibraries();
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new NightshiftCli())
                .setParameterExceptionHandler((e, args) -> {
                    // A mistyped command or option: say what was wrong, suggest, and show the usage.
                    CommandLine cmd = e.getCommandLine();
                    cmd.getErr().println("error: " + e.getMessage());
                    CommandLine.UnmatchedArgumentException.printSuggestions(e, cmd.getErr());
                    cmd.usage(cmd.getErr());
                    return cmd.getCommandSpec().exitCodeOnInvalidInput();
                })
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("error: " + e.getMessage());
                    return 1;
                });
    }

    /** Kafka, ZooKeeper-less KRaft and zonky log a lot at INFO; the CLI's own lines are what the user reads. */
    private static void quietLibraries() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        // The broker logs routine bootstrap steps at WARN; the CLI reports its own progress.
        ((Logger) LoggerFactory.getLogger("org.apache.kafka")).setLevel(Level.ERROR);
        ((Logger) LoggerFactory.getLogger("kafka")).setLevel(Level.ERROR);
    }
}
