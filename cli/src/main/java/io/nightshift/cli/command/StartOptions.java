package io.nightshift.cli.command;

import picocli.CommandLine.Option;

/** What {@code demo} and {@code up} share: where the API listens and whether to stay attached. */
final class StartOptions {

    @Option(names = "--port", defaultValue = "8080", description = "Port of the online API (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = {"-d", "--detach"}, description = "Return once ready and keep running in the background (stop with ./nightshift down).")
    boolean detach;

    @Option(names = "--secure", description = "Run it as production does, on this machine: Kafka over TLS with a login per app and ACLs, "
            + "Redis and PostgreSQL with passwords, the prod profile, random secrets in an owner-only file (see docs/security.md).")
    boolean secure;
}
