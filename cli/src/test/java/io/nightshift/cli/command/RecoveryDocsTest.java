package io.nightshift.cli.command;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps docs/runbook.md and docs/backups.md true: every {@code ./nightshift} command they give exists
 * with that action, every metric they name is registered by an app, and every admin API path they
 * name is mapped by the online API.
 */
class RecoveryDocsTest {

    private static final List<Path> DOCS = List.of(Path.of("..", "docs", "runbook.md"), Path.of("..", "docs", "backups.md"));
    private static final Map<String, Set<String>> ACTIONS = Map.of(
            "batch", Set.of("run"),
            "laptop", Set.of("offline", "online"),
            "backup", Set.of("export", "import"),
            "restart", Set.of("online-api", "streams-processor", "streams", "batch-jobs", "laptop"));

    @Test
    @DisplayName("every ./nightshift command in the runbook and the backup guide exists, with that action")
    void commandsExist() {
        CommandLine cli = NightshiftCli.commandLine();
        Matcher commands = Pattern.compile("\\./nightshift ([a-z-]+)(?: ([a-z-]+))?").matcher(docs());
        int found = 0;
        while (commands.find()) {
            found++;
            String command = commands.group(1);
            assertThat(cli.getSubcommands()).as(commands.group()).containsKey(command);
            if (ACTIONS.containsKey(command)) {
                assertThat(ACTIONS.get(command)).as(commands.group()).contains(commands.group(2));
            }
        }
        assertThat(found).isGreaterThan(10);
    }

    @Test
    @DisplayName("every metric the runbook names is registered by online-api or streams-processor")
    void metricsExist() {
        String sources = sources("online-api", "streams-processor");
        Matcher metrics = Pattern.compile("nightshift_[a-z_]+").matcher(read(DOCS.getFirst()));
        int found = 0;
        while (metrics.find()) {
            found++;
            // Prometheus names are the meter names with dots as underscores and a unit or _total suffix.
            String meter = metrics.group().replaceAll("(_seconds_count|_seconds|_total)$", "").replace('_', '.');
            assertThat(sources).as(metrics.group()).contains("\"" + meter + "\"");
        }
        assertThat(found).isGreaterThan(3);
    }

    @Test
    @DisplayName("every admin API path the docs name is mapped by the online API")
    void adminPathsExist() {
        String controller = sources("online-api");
        Matcher paths = Pattern.compile("/api/v1/admin/([a-z-]+)").matcher(docs());
        int found = 0;
        while (paths.find()) {
            found++;
            assertThat(controller).as(paths.group()).containsPattern("Mapping\\(\"/" + paths.group(1) + "[\"/]");
        }
        assertThat(found).isGreaterThan(5);
    }

    private static String docs() {
        StringBuilder all = new StringBuilder();
        DOCS.forEach(doc -> all.append(read(doc)).append('\n'));
        return all.toString();
    }

    private static String sources(String... modules) {
        StringBuilder all = new StringBuilder();
        for (String module : modules) {
            try (Stream<Path> files = Files.walk(Path.of("..", module, "src", "main", "java"))) {
                files.filter(file -> file.toString().endsWith(".java")).forEach(file -> all.append(read(file)).append('\n'));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all.toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
