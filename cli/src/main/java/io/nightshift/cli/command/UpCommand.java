package io.nightshift.cli.command;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** The platform without demo data: for importing a real shop's history. */
@Command(name = "up", mixinStandardHelpOptions = true, description = {"Start the servers and the three apps, with no data.",
        "Kafka, Redis, PostgreSQL, the online API, the streams processor and the laptop; stays up until Ctrl-C (or use --detach)."})
final class UpCommand implements Callable<Integer> {

    @Mixin
    StartOptions options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return DemoCommand.start(spec, options, false);
    }
}
