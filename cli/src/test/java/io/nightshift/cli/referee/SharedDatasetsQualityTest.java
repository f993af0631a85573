package io.nightshift.cli.referee;

import io.nightshift.cli.importer.ImportFormat;
import io.nightshift.cli.importer.Importer;
import io.nightshift.cli.importer.SharedDatasets;
import io.nightshift.schemas.event.ShopEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The baselines reproduce issue 8's reference table. The table is rounded to 4 decimals and was
 * computed with the same protocol (same split, same tie rule), so the only allowed difference
 * is that rounding: half a unit of the 4th decimal. A larger gap means the protocol differs.
 */
class SharedDatasetsQualityTest {

    private static final double ROUNDING = 0.00005;

    @Test
    void amazonBeautyBaselinesMatchTheReferenceTable() {
        List<ShopEvent> events = SharedDatasets.beautyData().events();
        Split split = Split.of(events);
        assertThat(split.testUserCount()).isEqualTo(22_363);
        assertThat(split.trainingInteractions() + split.testUserCount()).isEqualTo(198_502);

        Popularity popularity = Popularity.fit(split);
        expect(split, popularity, Task.RELATED, 0.0118, 0.0055);
        expect(split, popularity, Task.PERSONAL, 0.0136, 0.0061);
        ItemKnn itemKnn = ItemKnn.fit(split);
        expect(split, itemKnn, Task.RELATED, 0.0649, 0.0387);
        expect(split, itemKnn, Task.PERSONAL, 0.0689, 0.0401);
    }

    @Test
    void groceriesBaselinesMatchTheReferenceTable() {
        List<ShopEvent> events = Importer.of(ImportFormat.CSV, SharedDatasets.groceries(), SharedDatasets.groceriesMapping(), null)
                .readAll().events();
        Split split = Split.of(events);
        assertThat(split.userCount()).isEqualTo(3_898);
        assertThat(split.itemCount()).isEqualTo(167);
        assertThat(split.testUserCount()).isEqualTo(3_647);
        assertThat(split.trainingInteractions() + split.testUserCount()).isEqualTo(38_075);

        List<QualityReport> reports = Baselines.untuned(split);
        expect(reports.get(0), "popularity", Task.RELATED, 0.3197, 0.1772);
        expect(reports.get(1), "popularity", Task.PERSONAL, 0.2761, 0.1515);
        expect(reports.get(2), "itemknn", Task.RELATED, 0.3189, 0.1725);
        expect(reports.get(3), "itemknn", Task.PERSONAL, 0.2797, 0.1520);
    }

    private static void expect(Split split, Scorer scorer, Task task, double hitRate, double ndcg) {
        expect(Evaluation.evaluate(split, scorer, task), scorer.name(), task, hitRate, ndcg);
    }

    private static void expect(QualityReport report, String model, Task task, double hitRate, double ndcg) {
        System.out.println(report.describe() + String.format("   (HR %.6f, NDCG %.6f)", report.hitRate(), report.ndcg()));
        assertThat(report.model()).isEqualTo(model);
        assertThat(report.task()).isEqualTo(task);
        assertThat(report.hitRate()).as("%s %s HR@10", model, task.wire()).isCloseTo(hitRate, within(ROUNDING));
        assertThat(report.ndcg()).as("%s %s NDCG@10", model, task.wire()).isCloseTo(ndcg, within(ROUNDING));
    }
}
