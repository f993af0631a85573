package io.nightshift.cli.command;

import io.nightshift.cli.backup.TopicBackup;
import io.nightshift.cli.stack.StackLayout;
import io.nightshift.schemas.topic.TopicSpec;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Command;
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
        description = {"Export the topics that are the source of truth (events, catalog, control, the active version's copy, dead letters)",
                "to DIR/<topic>.jsonl, or import such a backup into a new, empty Kafka. Default Kafka: the running stack's."})
final class BackupCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "export|import", description = "export or import")
    String action;

    @Parameters(index = "1", paramLabel = "DIR", description = "the backup folder")
    Path dir;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "the Kafka to back up or restore into (default: the running local stack's)")
    String bootstrapServers;

    @Option(names = "--client-config", paramLabel = "FILE",
            description = "Kafka client properties for a remote cluster, e.g. security.protocol=SASL_SSL, sasl.mechanism, sasl.jaas.config, ssl.truststore.location")
    Path clientConfig;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        TopicBackup backup = new TopicBackup(client(), out);
        List<TopicSpec> topics = TopicBackup.keptTopics();
        switch (action) {
            case "export" -> {
                out.println("Exporting " + topics.size() + " topics to " + dir + " ...");
                out.flush();
                backup.exportTo(dir, topics);
                out.println("Done. Keep " + dir + " somewhere else than the server; import it with ./nightshift backup import " + dir);
            }
            case "import" -> {
                if (!Files.isDirectory(dir)) {
                    throw new ParameterException(spec.commandLine(), dir + " is not a folder with a backup in it");
                }
                out.println("Importing " + dir + " into an empty Kafka ...");
                out.flush();
                backup.importFrom(dir, topics);
                out.println("Done. Start the apps, then run ./nightshift replay: it rebuilds Redis and the event log from these topics,"
                        + " the active model version included.");
            }
            default -> throw new ParameterException(spec.commandLine(), "unknown action '" + action + "'; use export or import");
        }
        out.flush();
        return 0;
    }

    private Map<String, Object> client() throws IOException {
        Map<String, Object> client = new HashMap<>();
        if (clientConfig != null) {
            if (!Files.isRegularFile(clientConfig)) {
                throw new ParameterException(spec.commandLine(), "--client-config " + clientConfig + " is not a file");
            }
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(clientConfig)) {
                properties.load(in);
            }
            properties.forEach((key, value) -> client.put(key.toString(), value));
        }
        String servers = bootstrapServers != null ? bootstrapServers
                : (String) client.getOrDefault(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, null);
        if (servers == null) {
            servers = RunningStack.require(StackLayout.discover()).kafka();
        }
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, servers);
        return client;
    }
}
