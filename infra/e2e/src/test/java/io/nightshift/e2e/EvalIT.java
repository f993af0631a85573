package io.nightshift.e2e;

import io.nightshift.infra.local.servers.FreePorts;
import io.nightshift.cli.demo.ApiClient;
import io.nightshift.cli.eval.EvalReport;
import io.nightshift.cli.eval.Evaluator;
import io.nightshift.cli.importer.ImportFormat;
import io.nightshift.cli.importer.Importer;
import io.nightshift.cli.referee.QualityReport;
import io.nightshift.cli.referee.Task;
import io.nightshift.cli.terminal.Progress;
import io.nightshift.cli.stack.Stack;
import io.nightshift.cli.stack.StackLayout;
import io.nightshift.cli.stack.StackOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./nightshift eval} end to end on the real runnable jars: a tiny dataset goes in through
 * the API (training part only), the laptop trains and publishes, and every test user's answers
 * come from the real serving endpoints, scored next to the baselines.
 */
class EvalIT {

    @TempDir
    Path dir;

    @Test
    void evaluatesTheServedPathOfARealStackOnATinyDataset() throws IOException {
        // 40 users walk a ring of 12 products four steps at a time: the next product is always a strong co-occurrence.
        List<String> lines = new ArrayList<>();
        for (int user = 0; user < 40; user++) {
            StringBuilder line = new StringBuilder("u" + user);
            for (int step = 0; step < 4; step++) {
                line.append(" p").append((user + step) % 12);
            }
            lines.add(line.toString());
        }
        Path file = dir.resolve("ring.txt");
        Files.write(file, lines);

        Path home = Path.of(System.getProperty("nightshift.home"));
        Path stateDir = Path.of(System.getProperty("nightshift.e2e.stateDir")).resolveSibling("eval-stack");
        Files.createDirectories(stateDir);
        Progress progress = new Progress(System.out);
        try (Stack stack = Stack.start(new StackLayout(home, stateDir),
                new StackOptions(FreePorts.next(), false, List.of("--nightshift.rate-limit.enabled=false"), Duration.ofMinutes(4)), progress)) {
            Evaluator evaluator = new Evaluator(new ApiClient(stack.apiUrl(), ApiClient.DEMO_TOKEN), progress,
                    new Evaluator.Settings(10, 4, 0, Duration.ofMinutes(4)));

            EvalReport report = evaluator.evaluate(file.toString(), Importer.of(ImportFormat.SEQUENCES, file, null, "ring"));

            System.out.println(report.table());
            assertThat(report.data().testUsers()).isEqualTo(40);
            assertThat(report.data().importedEvents()).isEqualTo(120);
            assertThat(report.modelVersion()).isNotBlank();
            assertThat(report.served()).extracting(QualityReport::task).containsExactly(Task.RELATED, Task.PERSONAL);
            for (QualityReport served : report.served()) {
                assertThat(served.users()).isEqualTo(40);
                assertThat(served.tiers()).as("answers per tier").containsKey("batch")
                        .allSatisfy((tier, share) -> assertThat(tier).doesNotStartWith("error"));
                assertThat(served.hitRate()).as(served.task() + " HR@10").isPositive();
            }
            // popularity, ItemKNN and tuned iALS, each on both tasks
            assertThat(report.baselines()).hasSize(6).extracting(QualityReport::model)
                    .anySatisfy(model -> assertThat(model).startsWith("popularity"))
                    .anySatisfy(model -> assertThat(model).startsWith("itemknn"))
                    .anySatisfy(model -> assertThat(model).startsWith("ials ("));
        }
        assertThat(stateDir.resolve("run")).as("the stack cleaned up").doesNotExist();
    }

}
