package io.nightshift.cli.command;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.time.Duration;

/**
 * {@code ./nightshift}: the whole platform on one machine, and the owner's everyday commands.
 * User mistakes end with a message that says what to do, never a stack trace.
 *
 * <p>Exit codes are set here, for every command: 0 success, {@value #USAGE} a usage error (an unknown
 * option, a missing or invalid argument: picocli's parameter errors, and the commands' own checks,
 * which throw {@link IllegalArgumentException} for what the user gave), {@value #FAILURE} a failure
 * (no running stack, an HTTP error, a server that does not answer). A command may add its own codes
 * above these for outcomes worth scripting ({@code batch run}: 3 to 5).
 */
@Command(name = "nightshift", mixinStandardHelpOptions = true, version = "Nightshift 0.1.0",
        description = "Runs Nightshift locally: real Kafka, Redis and PostgreSQL, the cloud apps and the laptop app.",
        subcommands = {DemoCommand.class, UpCommand.class, DownCommand.class, StatusCommand.class,
                LaptopCommand.class, RestartCommand.class, RedisCommand.class, KafkaCommand.class, BatchCommand.class, ImportCommand.class, EvalCommand.class, BenchCommand.class, ReplayCommand.class, BackupCommand.class, SuperviseCommand.class, CommandLine.HelpCommand.class})
public final class NightshiftCli {

    static final int USAGE = 2;
    static final int FAILURE = 1;

    public static void main(String[] args) {
        quietLibraries();
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new NightshiftCli())
                .registerConverter(Duration.class, new DurationConverter())
                .setParameterExceptionHandler((e, args) -> {
                    // A mistyped command or option: say what was wrong, suggest, and show the usage.
                    CommandLine cmd = e.getCommandLine();
                    cmd.getErr().println("error: " + e.getMessage());
                    CommandLine.UnmatchedArgumentException.printSuggestions(e, cmd.getErr());
                    cmd.usage(cmd.getErr());
                    return USAGE;
                })
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("error: " + e.getMessage());
                    return e instanceof IllegalArgumentException ? USAGE : FAILURE;
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
