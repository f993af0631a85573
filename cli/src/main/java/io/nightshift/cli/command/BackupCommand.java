package io.nightshift.cli.command;

import io.nightshift.cli.backup.TopicBackup;
import io.nightshift.cli.stack.StackLayout;
import io.nightshift.schemas.topic.TopicSpec;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * The owner's backup of what cannot be rebuilt: the kept-for-ever and compacted topics, written to
 * files and written back into a new cluster (docs/backups.md). Everything else (Redis, the
 * PostgreSQL event log, the laptop's store) is rebuilt from these topics.
 */
@Command(name = "backup", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Export or import the topics that are the source of truth.",
                "export writes the events, catalog, control, the active version's copy and the dead letters to DIR/<topic>.jsonl;"
                        + " import writes such a backup into a new, empty Kafka. Default Kafka: the running stack's."})
final class BackupCommand implements Callable<Integer> {

    /** Where the backup comes from or goes to: the running stack's Kafka, or a remote cluster. */
    static final class Target {
        @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
                description = "the Kafka to back up or restore into (default: the running local stack's)")
        String bootstrapServers;

        @Option(names = "--client-config", paramLabel = "FILE",
                description = "Kafka client properties for a remote cluster, e.g. security.protocol=SASL_SSL, sasl.mechanism, sasl.jaas.config, ssl.truststore.location")
        Path clientConfig;
    }

    @Spec
    CommandSpec spec;

    /** {@code ./nightshift backup} alone: a usage error that names the two subcommands. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand: export or import");
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Write the kept topics to DIR/<topic>.jsonl.")
    int export(@Parameters(paramLabel = "DIR", description = "the backup folder") Path dir, @Mixin Target target) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<TopicSpec> topics = TopicBackup.keptTopics();
        TopicBackup backup = new TopicBackup(client(target), out);
        out.println("Exporting " + topics.size() + " topics to " + dir + " ...");
        out.flush();
        backup.exportTo(dir, topics);
        out.println("Done. Keep " + dir + " somewhere else than the server; import it with ./nightshift backup import " + dir);
        out.flush();
        return 0;
    }

    @Command(name = "import", mixinStandardHelpOptions = true, description = "Write a backup from DIR into a new, empty Kafka.")
    int importFrom(@Parameters(paramLabel = "DIR", description = "the backup folder") Path dir, @Mixin Target target) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), dir + " is not a folder with a backup in it");
        }
        List<TopicSpec> topics = TopicBackup.keptTopics();
        TopicBackup backup = new TopicBackup(client(target), out);
        out.println("Importing " + dir + " into an empty Kafka ...");
        out.flush();
        backup.importFrom(dir, topics);
        out.println("Done. Start the apps, then run ./nightshift replay: it rebuilds Redis and the event log from these topics,"
                + " the active model version included.");
        out.flush();
        return 0;
    }

    private Map<String, Object> client(Target target) throws IOException {
        Map<String, Object> client = new HashMap<>();
        if (target.clientConfig != null) {
            if (!Files.isRegularFile(target.clientConfig)) {
                throw new ParameterException(spec.commandLine(), "--client-config " + target.clientConfig + " is not a file");
            }
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(target.clientConfig)) {
                properties.load(in);
            }
            properties.forEach((key, value) -> client.put(key.toString(), value));
        }
        String servers = target.bootstrapServers != null ? target.bootstrapServers
                : (String) client.getOrDefault(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, null);
        if (servers == null) {
            servers = RunningStack.require(StackLayout.discover()).kafka();
        }
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, servers);
        return client;
    }
}
