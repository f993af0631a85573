package io.nightshift.cli.stack;

import io.nightshift.schemas.codec.ContractCodec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The deployed Prometheus files pass Prometheus's own checks, as deployed and as the local stack's copy. */
class PrometheusConfigTest {

    private static final Path DEPLOYED = Path.of("..", "infra", "deploy", "prometheus");

    @TempDir
    Path dir;

    @Test
    @DisplayName("promtool accepts the deployed prometheus.yml (with its rule file and a token file next to it) and alerts.yml")
    void deployedFilesAreValid() throws Exception {
        Files.copy(DEPLOYED.resolve("prometheus.yml"), dir.resolve("prometheus.yml"));
        Files.copy(DEPLOYED.resolve("alerts.yml"), dir.resolve("alerts.yml"));
        Files.writeString(dir.resolve(LocalPrometheus.TOKEN_FILE), "a-token");

        assertThat(promtool("check", "config", dir.resolve("prometheus.yml").toString())).contains("SUCCESS: 1 rule files found");
        assertThat(promtool("check", "rules", dir.resolve("alerts.yml").toString())).containsPattern("SUCCESS: [1-9][0-9]* rules found");
    }

    @Test
    @DisplayName("the local stack's copy scrapes the stack's loopback ports every few seconds and is still valid")
    void localCopy() throws Exception {
        String local = PrometheusConfig.forLocalStack(Files.readString(DEPLOYED.resolve("prometheus.yml")), 18080, 18081, Duration.ofSeconds(2));
        assertThat(local).contains("'127.0.0.1:18080'", "'127.0.0.1:18081'", "scrape_interval: 2s", "evaluation_interval: 2s")
                .doesNotContain("online-api:8080", "streams-processor:8081");
        Files.writeString(dir.resolve("prometheus.yml"), local);
        Files.copy(DEPLOYED.resolve("alerts.yml"), dir.resolve("alerts.yml"));
        Files.writeString(dir.resolve(LocalPrometheus.TOKEN_FILE), "a-token");

        assertThat(promtool("check", "config", dir.resolve("prometheus.yml").toString())).contains("is valid prometheus config file syntax");
    }

    @Test
    @DisplayName("every query of every Grafana dashboard is valid PromQL (checked by promtool as a recording rule)")
    void dashboardQueriesParse() throws Exception {
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
        int count = 0;
        try (var files = Files.list(Path.of("..", "infra", "deploy", "grafana", "dashboards"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode dashboard = ContractCodec.MAPPER.readTree(Files.readString(file));
                assertThat(dashboard.path("uid").asString()).as(file + " has a uid").isNotBlank();
                for (JsonNode panel : dashboard.path("panels")) {
                    for (JsonNode target : panel.path("targets")) {
                        assertThat(target.path("datasource").path("uid").asString()).as(panel.path("title").asString())
                                .isEqualTo("nightshift-prometheus");
                        // A JSON string is a valid YAML double-quoted scalar.
                        rules.append("      - record: dashboard_query_").append(++count).append("\n        expr: ")
                                .append(ContractCodec.MAPPER.writeValueAsString(target.path("expr").asString())).append('\n');
                    }
                }
            }
        }
        assertThat(count).isGreaterThan(10);
        Files.writeString(dir.resolve("dashboards.yml"), rules);
        assertThat(promtool("check", "rules", dir.resolve("dashboards.yml").toString())).contains("SUCCESS: " + count + " rules found");
    }

    @Test
    @DisplayName("a deployed file whose targets were rewritten is refused with the anchor it misses")
    void missingAnchor() {
        assertThatThrownBy(() -> PrometheusConfig.forLocalStack("global:\n  scrape_interval: 15s\n", 1, 2, Duration.ofSeconds(1)))
                .hasMessageContaining("'online-api:8080'").hasMessageContaining("infra/deploy/prometheus/prometheus.yml");
    }

    /** promtool's output; fails the test when it is missing (CI installs Debian's prometheus package) or finds a problem. */
    private static String promtool(String... args) throws IOException, InterruptedException {
        assertThat(Path.of("/usr/bin/promtool")).as("promtool (Debian's prometheus package; .ci/run installs it)").isExecutable();
        List<String> command = new ArrayList<>(List.of("/usr/bin/promtool"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
