package io.nightshift.cli.eval;

import io.nightshift.cli.referee.QualityReport;
import io.nightshift.cli.referee.Split;
import io.nightshift.cli.referee.Task;
import io.nightshift.schemas.codec.ContractCodec;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.ShopEvent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure parts of {@code eval}: request paths, answers, lineage metrics and the report's two forms. */
class EvalPartsTest {

    @Test
    void idsReachTheApiAsOnePathSegmentWhateverTheyHold() {
        assertThat(ServedQueries.encode("groceries:rolls/buns")).isEqualTo("groceries%3Arolls%2Fbuns");
        assertThat(ServedQueries.encode("a b+c@d")).isEqualTo("a%20b%2Bc%40d");
    }

    @Test
    void limitingTheTestUsersKeepsTheTrainingDataExactlyAsItIs() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        List<ShopEvent> events = new java.util.ArrayList<>();
        for (String line : List.of("u1 a b c", "u2 b c d", "u3 c d a")) {
            String[] ids = line.split(" ");
            for (int i = 1; i < ids.length; i++) {
                events.add(ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, ids[0], ids[i], null, t = t.plusSeconds(1)));
            }
        }
        Split split = Split.of(events);

        Split first = split.firstTestUsers(2);

        assertThat(first.testUsers()).containsExactly(0, 1);
        assertThat(first.testItem(2)).isEqualTo(-1);
        assertThat(first.trainingInteractions()).isEqualTo(split.trainingInteractions());
        assertThat(first.history(2)).containsExactly(split.history(2));
        assertThat(split.firstTestUsers(10).testUserCount()).isEqualTo(3);
    }

    @Test
    void anAnswerIsItsProductsInOrderAndItsTier() {
        JsonNode answer = ContractCodec.MAPPER.readTree(
                "{\"tier\":\"fresh\",\"items\":[{\"productId\":\"p2\",\"score\":0.5},{\"productId\":\"p1\",\"score\":0.2}]}");
        assertThat(ServedQueries.parse(answer).productIds()).containsExactly("p2", "p1");
        assertThat(ServedQueries.parse(answer).tier()).isEqualTo("fresh");
    }

    @Test
    void offlineMetricsComeFromTheActiveVersionsLineageAndAreEmptyWithoutOne() {
        JsonNode versions = ContractCodec.MAPPER.readTree("""
                {"active":"v2","history":[
                  {"modelVersion":"v1","lineage":{"metrics":{"ndcg@10":0.01}}},
                  {"modelVersion":"v2","lineage":{"modelFamily":"ease","metrics":{"ndcg@10":0.04,"note":"text is skipped"}}}]}""");
        assertThat(BatchRun.activeVersion(versions)).contains("v2");
        assertThat(BatchRun.offlineMetrics(versions, "v2")).isEqualTo(Map.of("ndcg@10", 0.04));

        JsonNode elsewhere = ContractCodec.MAPPER.readTree("""
                {"active":"v3","lineages":{"v3":{"modelVersion":"v3","modelFamily":"ease","metrics":{"related.ndcg@10":0.05}}}}""");
        assertThat(BatchRun.offlineMetrics(elsewhere, "v3")).isEqualTo(Map.of("related.ndcg@10", 0.05));

        JsonNode bare = ContractCodec.MAPPER.readTree("{\"active\":\"v2\",\"previous\":null,\"history\":[{\"modelVersion\":\"v2\"}]}");
        assertThat(BatchRun.offlineMetrics(bare, "v2")).isEmpty();
        assertThat(BatchRun.activeVersion(ContractCodec.MAPPER.readTree("{\"active\":null}"))).isEmpty();
    }

    @Test
    void theReportIsAMarkdownTableAndTheSameNumbersAsJson() {
        Map<String, Duration> timings = new LinkedHashMap<>();
        timings.put("import", Duration.ofMillis(1500));
        timings.put("batch run", Duration.ofSeconds(30));
        EvalReport report = new EvalReport("data/tiny.txt", Instant.parse("2026-11-26T05:00:00Z"), "2 cores",
                new EvalReport.DataSummary(4, 5, 13, 3, 2, 10, 1), "v2",
                List.of(new QualityReport("served", Task.RELATED, 10, 2, 0.5, 0.25, 0.4,
                                Map.of("batch", 0.5, "popular", 0.25, "error:503", 0.25), Duration.ofMillis(100)),
                        new QualityReport("served", Task.PERSONAL, 10, 2, 0, 0, 0.2, Map.of("batch", 1.0), Duration.ZERO)),
                Map.of(),
                List.of(new QualityReport("popularity", Task.RELATED, 10, 2, 0.123456, 0.0654321, 1, Map.of(), Duration.ZERO)),
                timings);

        assertThat(report.table()).contains(
                "Evaluation of data/tiny.txt (2026-11-26T05:00:00Z, 2 cores)",
                "4 users, 5 items, 13 interactions; 3 test users (2 evaluated); 10 training events imported; 1 lines rejected",
                "model version: v2",
                "| served (HTTP API) | related | 0.5000 | 0.2500 | 0.4000 | batch 50.0%, error:503 25.0%, popular 25.0% |",
                "| served (HTTP API) | personal | 0.0000 | 0.0000 | 0.2000 | batch 100.0% |",
                "| popularity | related | 0.1235 | 0.0654 | 1.0000 |  |",
                "best baseline (NDCG@10): related popularity 0.0654, served / best 3.82",
                "batch job's offline metrics: not reported by the batch job",
                "time: import 1.5 s, batch run 30.0 s");

        JsonNode json = ContractCodec.MAPPER.readTree(report.json());
        assertThat(json.path("split").path("evaluatedUsers").asInt()).isEqualTo(2);
        assertThat(json.path("served").get(0).path("tiers").path("error:503").asDouble()).isEqualTo(0.25);
        assertThat(json.path("baselines").get(0).path("hitRate").asDouble()).isEqualTo(0.123456);
        assertThat(json.path("bestBaseline").path("related").path("model").asString()).isEqualTo("popularity");
        assertThat(json.path("bestBaseline").path("related").path("servedOverBest").asDouble()).isEqualTo(0.25 / 0.0654321);
        assertThat(json.path("bestBaseline").has("personal")).isFalse();
        assertThat(json.path("batchOfflineMetricsNote").asString()).isEqualTo("not reported by the batch job");
        assertThat(json.path("seconds").path("batch run").asDouble()).isEqualTo(30.0);
    }
}
