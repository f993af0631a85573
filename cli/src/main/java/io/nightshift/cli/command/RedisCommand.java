package io.nightshift.cli.command;

import io.nightshift.cli.stack.StackLayout;
import io.nightshift.cli.stack.StackState;
import picocli.CommandLine.Command;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * A Redis outage on demand: the server really stops (connection refused), so the API answers from
 * its in-process last-known-good copy. Unlike a wipe, Redis comes back with its data: the
 * supervisor saves its keys before stopping it and restores them when it starts on the same port.
 */
@Command(name = "redis", mixinStandardHelpOptions = true,
        description = {"Stop Redis or start it again, with its data, on the same port.",
                "While it is stopped the API answers with the last-known-good lists."})
final class RedisCommand extends ServerOutageCommand {

    @Override
    String server() {
        return "Redis";
    }

    @Override
    Path wishFile(StackLayout layout) {
        return layout.redisWish();
    }

    @Override
    Function<StackState, String> status() {
        return StackState::redisStatus;
    }

    @Override
    String stoppedMessage() {
        return "Redis is stopped (its keys saved first). Shoppers still get answers: the API serves the lists it"
                + " served last from its in-process copy (tier: last-known-good, stale: true), other products get"
                + " the popular list as last read. Events are still accepted; the streams processor holds its"
                + " Redis writes until ./nightshift redis start.";
    }

    @Override
    String startedMessage(StackState state) {
        return "Redis is back on " + state.redis() + " with the keys it had when it stopped. The API reconnects by"
                + " itself (tier: batch again) and the streams processor writes what waited in Kafka.";
    }
}
