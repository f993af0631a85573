package io.nightshift.infra.local.servers;

import io.nightshift.schemas.access.KafkaAccess;
import io.nightshift.schemas.access.KafkaGrant;
import org.apache.kafka.common.acl.AclOperation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps docs/security.md's Kafka section true: its principal table is the access contract, and
 * every broker setting it lists is the one the secure {@link LocalKafka} (which the ACL tests
 * run) uses, {@code <placeholders>} standing for addresses, paths and secrets.
 */
class KafkaSecurityDocTest {

    private static final Path DOC = Path.of("..", "..", "docs", "security.md");

    @Test
    void thePrincipalTableIsTheAccessContract() throws IOException {
        String doc = Files.readString(DOC);
        Matcher table = Pattern.compile("<!-- kafka-access:start -->\\n(.*?)<!-- kafka-access:end -->", Pattern.DOTALL).matcher(doc);

        assertThat(table.find()).as("a table between <!-- kafka-access:start --> and <!-- kafka-access:end --> in " + DOC).isTrue();
        assertThat(table.group(1)).as("regenerate it from KafkaAccess").isEqualTo(table());
    }

    @Test
    void theBrokerSettingsAreTheOnesTheSecureTestBrokerRuns() throws IOException {
        String doc = Files.readString(DOC);
        Matcher block = Pattern.compile("```properties\\n# broker: server.properties\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(block.find()).as("a ```properties block starting '# broker: server.properties' in " + DOC).isTrue();
        Map<String, String> documented = block.group(1).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')), line -> line.substring(line.indexOf('=') + 1)));
        Map<String, String> running = KafkaSecurity.create(Files.createTempDirectory("kafka-doc-"))
                .brokerProperties(9093, 9094, "CONTROLLER");

        assertThat(documented.keySet()).as("the settings the secure mode sets").containsExactlyInAnyOrderElementsOf(running.keySet());
        documented.forEach((key, value) -> assertThat(running.get(key)).as(key).matches(placeholdersAsWildcards(value)));
    }

    private static String placeholdersAsWildcards(String documented) {
        StringBuilder regex = new StringBuilder();
        Matcher placeholder = Pattern.compile("<[^>]+>").matcher(documented);
        int at = 0;
        while (placeholder.find()) {
            regex.append(Pattern.quote(documented.substring(at, placeholder.start()))).append(".+");
            at = placeholder.end();
        }
        return regex.append(Pattern.quote(documented.substring(at))).toString();
    }

    /** The Markdown table of the contract, one row per principal. */
    static String table() {
        StringBuilder table = new StringBuilder("| principal | runs | reads | writes | consumer groups | transactional ids | creates its own topics |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- |\n");
        for (KafkaGrant grant : KafkaAccess.grants()) {
            table.append("| `").append(grant.principal()).append("` | ").append(grant.runs())
                    .append(" | ").append(names(grant.reads(), ""))
                    .append(" | ").append(names(grant.writes(), ""))
                    .append(" | ").append(names(grant.groupPrefixes(), "*"))
                    .append(grant.groupOperations().size() > 1 ? " (" + grant.groupOperations().stream()
                            .sorted(Comparator.comparing((AclOperation operation) -> operation != AclOperation.READ).thenComparing(Enum::name))
                            .map(operation -> operation.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ")" : "")
                    .append(" | ").append(names(grant.transactionalIdPrefixes(), "*"))
                    .append(" | ").append(names(grant.ownTopicPrefixes(), "*"))
                    .append(" |\n");
        }
        return table.toString();
    }

    private static String names(List<String> names, String suffix) {
        return names.isEmpty() ? "—" : names.stream().map(name -> "`" + name + suffix + "`").collect(Collectors.joining(", "));
    }
}
