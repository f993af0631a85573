package io.nightshift.infra.local.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** The platform without demo data: for importing a real shop's history. */
@Command(name = "up", description = "Start Kafka, Redis, PostgreSQL and the three apps with no data; stays up until Ctrl-C (or use --detach).")
final class UpCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "Port of the online API (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = {"-d", "--detach"}, description = "Return once ready and keep running in the background (stop with ./nightshift down).")
    boolean detach;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return DemoCommand.start(spec, port, !detach, false);
    }
}
