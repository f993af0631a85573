package io.nightshift.cli.command;

import picocli.CommandLine.Option;

/** What {@code demo} and {@code up} share: where the API listens and whether to stay attached. */
final class StartOptions {

    @Option(names = "--port", defaultValue = "8080", description = "Port of the online API (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = {"-d", "--detach"}, description = "Return once ready and keep running in the background (stop with ./nightshift down).")
    boolean detach;
}
