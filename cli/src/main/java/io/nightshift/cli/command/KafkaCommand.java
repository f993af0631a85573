package io.nightshift.cli.command;

import io.nightshift.cli.stack.StackLayout;
import io.nightshift.cli.stack.StackState;
import picocli.CommandLine.Command;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * A Kafka outage on demand: the broker really stops, keeping its log, and starts again on the same
 * ports, so every client reconnects by itself. Serving reads only Redis and is unaffected; the
 * API keeps the events it accepts meanwhile in its durable spool.
 */
@Command(name = "kafka", mixinStandardHelpOptions = true,
        description = {"Stop Kafka or start it again on the same ports.",
                "Serving is unaffected while it is stopped: events wait in the API's spool.",
                "On a real cluster: setup-access creates the applications' users, ACLs and topics."},
        subcommands = KafkaSetupAccessCommand.class)
final class KafkaCommand extends ServerOutageCommand {

    @Override
    String server() {
        return "Kafka";
    }

    @Override
    Path wishFile(StackLayout layout) {
        return layout.kafkaWish();
    }

    @Override
    Function<StackState, String> status() {
        return StackState::kafkaStatus;
    }

    @Override
    String stoppedMessage() {
        return "Kafka is stopped (its log kept). Shoppers still get answers from Redis, as before (tier: batch);"
                + " events and catalog changes are accepted into the API's durable spool (202, \"spooled\": true)"
                + " and sent when ./nightshift kafka start brings it back.";
    }

    @Override
    String startedMessage(StackState state) {
        return "Kafka is back on " + state.kafka() + " with its log. The API's spool drains into it (the events"
                + " accepted meanwhile arrive), and the streams processor and the laptop reconnect by themselves.";
    }
}
