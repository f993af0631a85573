package io.nightshift.cli.batch;

import io.nightshift.cli.terminal.Durations;
import io.nightshift.schemas.codec.ContractCodec;
import io.nightshift.schemas.control.RunStatus;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pieces of {@code ./nightshift batch run} that read what people write and what the API answers. */
class BatchPartsTest {

    @Test
    void durationsAreWrittenAsPeopleWriteThem() {
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("20m")).isEqualTo(Duration.ofMinutes(20));
        assertThat(Durations.parse("2H")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("PT1H30M")).isEqualTo(Duration.ofMinutes(90));
        assertThatThrownBy(() -> Durations.parse("2 hours")).hasMessageContaining("write e.g. 90s, 10m, 2h");
        for (String wrong : new String[]{"PT", "P1X", "99999999999999999999s", "9999999999999999d", ""}) {
            assertThatThrownBy(() -> Durations.parse(wrong)).as(wrong).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a duration");
        }
        assertThat(Durations.human(Duration.ofSeconds(192))).isEqualTo("3 min 12 s");
        assertThat(Durations.human(Duration.ofMinutes(125))).isEqualTo("2 h 05 min");
    }

    @Test
    void aCompletedRunCountsEveryItemOfAStepThatEndedBetweenTwoPolls() {
        RunSummary summary = new RunSummary("run-1", RunSummary.Ending.COMPLETED, "", java.util.Optional.of("v2"), java.util.Optional.empty(),
                java.util.Optional.of("v1"), java.util.Optional.of(new RunView.StepCounts(0, 2851)),
                java.util.Optional.of(new RunView.StepCounts(4851, 5851)), Duration.ofSeconds(28), Duration.ZERO);

        assertThat(summary.lines()).contains("  products    2851 of 2851 scored; 5851 lists published");
    }

    @Test
    void aVersionsLineageIsFoundWhereverTheAnswerPutsItButOnlyForThatVersion() {
        JsonNode inHistory = ContractCodec.MAPPER.readTree("""
                {"active":"v2","history":[
                  {"modelVersion":"v1","lineage":{"modelFamily":"cooccurrence","metrics":{"test.related.ndcg10":0.01}}},
                  {"modelVersion":"v2","lineage":{"modelFamily":"ease","metrics":{"test.related.ndcg10":0.04,"note":"text is skipped"}}}]}""");
        assertThat(VersionLineage.of(inHistory, "v2")).contains(new VersionLineage("ease", Map.of("test.related.ndcg10", 0.04)));

        JsonNode inLineages = ContractCodec.MAPPER.readTree("""
                {"active":"v3","history":[],"lineages":[{"modelVersion":"v3","lineage":{"modelFamily":"bpr"}}]}""");
        assertThat(VersionLineage.of(inLineages, "v3")).contains(new VersionLineage("bpr", Map.of()));

        // Another version's numbers must not pass for the new one's.
        JsonNode onlyTheOld = ContractCodec.MAPPER.readTree("""
                {"active":"v2","history":[{"modelVersion":"v1","lineage":{"modelFamily":"ease","metrics":{"x":1.0}}},{"modelVersion":"v2"}]}""");
        assertThat(VersionLineage.of(onlyTheOld, "v2")).isEmpty();
    }

    @Test
    void aRunIsFoundByItsIdAmongOthers() {
        JsonNode runs = ContractCodec.MAPPER.readTree("""
                [{"runId":"a","status":"completed"},{"runId":"b","status":"deferred","step":"scoreCatalog","done":3,"total":9,"detail":"hot"}]""");
        assertThat(RunState.find(runs, "b")).contains(new RunState("b", RunStatus.DEFERRED, "scoreCatalog", 3, 9, "hot"));
        assertThat(RunState.find(runs, "c")).isEmpty();
        assertThat(RunState.find(ContractCodec.MAPPER.readTree("{\"title\":\"Unauthorized\"}"), "a")).isEmpty();
    }

    @Test
    void aRunWithAStatusThisVersionDoesNotKnowIsNotReportedYet() {
        JsonNode runs = ContractCodec.MAPPER.readTree("""
                [{"runId":"a","status":"paused"},{"runId":"b"}]""");
        assertThat(RunState.find(runs, "a")).isEmpty();
        assertThat(RunState.find(runs, "b")).isEmpty();
    }
}
