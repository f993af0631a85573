package io.nightshift.cli.command;

import io.nightshift.cli.backup.BackupRecord;
import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.infra.local.servers.LocalKafka;
import io.nightshift.schemas.codec.ContractCodec;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./nightshift backup export} from one real Kafka and {@code ./nightshift backup import} into
 * a second, empty one, as docs/backups.md tells the owner to: the kept topics come back record for
 * record (partition, timestamp, key, value, headers, tombstones), and an import on top of records is refused.
 */
@RealServers
class BackupCommandTest {

    @TempDir
    Path backup;
    @TempDir
    Path again;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    @DisplayName("export, then import into an empty Kafka, gives back every kept topic record for record; a second import is refused")
    void roundTrip(KafkaEndpoint source) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                source.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.SHOP_EVENTS.name(), null, 1_700_000_000_000L, "bk-u-" + id, "{\"event\":\"" + id + "\"}",
                    List.of(new RecordHeader("origin", "test".getBytes(StandardCharsets.UTF_8))))).get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(Topics.SHOP_CATALOG.name(), "bk-p-" + id, "{\"product\":\"" + id + "\"}")).get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(Topics.SHOP_CATALOG.name(), "bk-gone-" + id, null)).get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(Topics.RECO_ACTIVE.name(), Topics.ACTIVE_MARKER, "{\"marker\":\"" + id + "\"}")).get(30, TimeUnit.SECONDS);
        }

        assertThat(run("backup", "export", backup.toString(), "--bootstrap-servers", source.bootstrapServers())).as(err.toString()).isZero();
        assertThat(Files.readString(backup.resolve("shop.events.v1.jsonl"))).contains(base64("{\"event\":\"" + id + "\"}"));
        assertThat(backup.resolve("reco.results.v1.jsonl")).as("two weeks of results are not the source of truth").doesNotExist();

        try (LocalKafka empty = LocalKafka.start()) {
            String target = empty.endpoint().bootstrapServers();
            assertThat(run("backup", "import", backup.toString(), "--bootstrap-servers", target)).as(err.toString()).isZero();
            assertThat(run("backup", "export", again.toString(), "--bootstrap-servers", target)).as(err.toString()).isZero();
            for (String topic : List.of("shop.events.v1", "shop.catalog.v1", "reco.control.v1", "reco.active.v1", "shop.events.v1.dlq")) {
                assertThat(records(again, topic)).as(topic).isEqualTo(records(backup, topic));
            }
            assertThat(records(again, "shop.catalog.v1")).anySatisfy(r -> assertThat(r.value()).isNull());

            assertThat(run("backup", "import", backup.toString(), "--bootstrap-servers", target)).isNotZero();
            assertThat(err.toString()).contains("already holds").contains("empty cluster");
        }
    }

    /** A topic's records without their offsets (compaction or deleted records may have moved those in the source). */
    private static List<BackupRecord> records(Path dir, String topic) throws Exception {
        return Files.readAllLines(dir.resolve(topic + ".jsonl")).stream()
                .map(line -> ContractCodec.MAPPER.readValue(line, BackupRecord.class))
                .map(r -> new BackupRecord(r.partition(), 0, r.timestamp(), r.key(), r.value(), r.headers()))
                .toList();
    }

    private static String base64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private int run(String... args) {
        CommandLine cli = NightshiftCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(out, true));
        return cli.execute(args);
    }
}
