package io.nightshift.cli.referee;

import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.ShopEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

/**
 * The protocol on a dataset small enough to check by hand. Items are numbered by first
 * appearance: a=0, b=1, c=2, d=3.
 * <pre>
 * u1: a@1 b@2 b@3 c@4        → a b c   (the repeated b is one interaction)   test c, history a b
 * u2: b@1 c@1 d@0            → d b c   (equal times keep input order)        test c, history d b
 * u3: a@1 d@2                → a d     (fewer than 3: training only)
 * u4: c@1 a@2 c@3            → c a c                                         test c, history c a
 * </pre>
 * Training popularity: a 3, b 2, c 1, d 2.
 */
class ProtocolTest {

    private static final double NDCG_AT_1 = 1 / (Math.log(3) / Math.log(2));

    private final List<ShopEvent> events = new ArrayList<>();
    private final Split split;

    ProtocolTest() {
        add("u1", "a", 1);
        add("u1", "b", 2);
        add("u1", "b", 3);
        add("u1", "c", 4);
        add("u2", "b", 1);
        add("u2", "c", 1);
        add("u2", "d", 0);
        add("u3", "a", 1);
        add("u3", "d", 2);
        add("u4", "c", 1);
        add("u4", "a", 2);
        add("u4", "c", 3);
        split = Split.of(events);
    }

    private void add(String user, String item, long second) {
        events.add(ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, user, item, null, Instant.ofEpochSecond(second)));
    }

    @Test
    void ordersByTimeKeepsInputOrderOnTiesCollapsesRepeatsAndHoldsOutTheLastItem() {
        assertThat(split.userCount()).isEqualTo(4);
        assertThat(split.itemCount()).isEqualTo(4);
        assertThat(IntStream.range(0, 4).mapToObj(split::itemId)).containsExactly("a", "b", "c", "d");
        assertThat(split.testUsers()).containsExactly(0, 1, 3);
        assertThat(split.history(0)).containsExactly(0, 1);
        assertThat(split.history(1)).containsExactly(3, 1);
        assertThat(split.history(2)).containsExactly(0, 3);
        assertThat(split.history(3)).containsExactly(2, 0);
        assertThat(Arrays.stream(split.testUsers()).map(split::testItem)).containsOnly(2);
        assertThat(split.testItem(2)).isEqualTo(-1);
        assertThat(split.trainingInteractions()).isEqualTo(8);
    }

    @Test
    void marksTheEventsOfTestInteractionsSoOnlyTrainingDataIsImported() {
        assertThat(IntStream.range(0, events.size()).filter(split::isTestEvent)).containsExactly(3, 5, 11);
    }

    @Test
    void aRepeatOfTheTestItemIsPartOfTheTestInteraction() {
        List<ShopEvent> withRepeat = new ArrayList<>(events);
        withRepeat.add(ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, "u1", "c", null, Instant.ofEpochSecond(5)));
        Split repeated = Split.of(withRepeat);
        assertThat(repeated.history(0)).containsExactly(0, 1);
        assertThat(IntStream.range(0, withRepeat.size()).filter(repeated::isTestEvent)).containsExactly(3, 5, 11, 12);
    }

    @Test
    void popularityOnTheRelatedTaskExcludesOnlyTheQuery() {
        // u1, u2 (query b): a3 d2 c1 → c at position 2. u4 (query a): b2 d2 c1 → c at position 2.
        QualityReport report = Evaluation.evaluate(split, Popularity.fit(split), Task.RELATED);
        assertThat(report.users()).isEqualTo(3);
        assertThat(report.hitRate()).isEqualTo(1);
        assertThat(report.ndcg()).isCloseTo(0.5, within(1e-12));
        assertThat(Evaluation.evaluate(split, Popularity.fit(split), Task.RELATED, 2).hitRate()).isZero();
    }

    @Test
    void popularityOnThePersonalTaskExcludesTheHistoryAndATestItemInItIsAMiss() {
        // u1 (a b excluded): d2 c1 → position 1. u2 (d b excluded): a3 c1 → position 1. u4: c is in its history → miss.
        QualityReport report = Evaluation.evaluate(split, Popularity.fit(split), Task.PERSONAL);
        assertThat(report.hitRate()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(report.ndcg()).isCloseTo(2 * NDCG_AT_1 / 3, within(1e-12));
    }

    @Test
    void tiesCountAtTheirExpectation() {
        // Every item scores 0: for each test user the test item shares its score with the 2 other candidates,
        // so it is at position 0, 1 or 2 with probability 1/3 each. At k = 2: HR 2/3, NDCG (1 + 1/log2 3) / 3.
        QualityReport report = Evaluation.evaluate(split, new Constant(), Task.RELATED, 2);
        assertThat(report.hitRate()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(report.ndcg()).isCloseTo((1 + NDCG_AT_1) / 3, within(1e-12));
    }

    @Test
    void coverageCountsTheCatalogShareOfTheListsShownWithTiesBrokenByFirstAppearance() {
        // Top 1, related: u1 a, u2 a, u4 b (b and d tie; b came first) → 2 of 4 items.
        assertThat(Evaluation.evaluate(split, Popularity.fit(split), Task.RELATED, 1).coverage()).isEqualTo(0.5);
        // Top 1, personal: u1 d, u2 a, u4 b → 3 of 4.
        assertThat(Evaluation.evaluate(split, Popularity.fit(split), Task.PERSONAL, 1).coverage()).isEqualTo(0.75);
    }

    @Test
    void itemKnnUsesShrunkCosineOnDistinctTrainingItems() {
        // Users per item in training: a {u1,u3,u4}, b {u1,u2}, c {u4}, d {u2,u3}. b shares one user with a and one with d.
        double[] scores = new double[4];
        ItemKnn.fit(split, 0, 100).related(1, scores);
        assertThat(scores).containsExactly(new double[]{1 / Math.sqrt(6), 0, 0, 0.5}, within(1e-12));
        ItemKnn.fit(split, 10, 100).related(1, scores);
        assertThat(scores).containsExactly(new double[]{1 / (Math.sqrt(6) + 10), 0, 0, 1 / (2 + 10.0)}, within(1e-12));
        ItemKnn.fit(split, 0, 1).related(1, scores);
        assertThat(scores).containsExactly(new double[]{0, 0, 0, 0.5}, within(1e-12));
        // Personal for history {a, b}: sums over both items' neighbours. a: b 1/√6, c 1/√3, d 1/√6; b: a 1/√6, d 1/2.
        ItemKnn.fit(split, 0, 100).personal(new int[]{0, 1, 0}, scores);
        assertThat(scores).containsExactly(new double[]{1 / Math.sqrt(6), 1 / Math.sqrt(6), 1 / Math.sqrt(3), 1 / Math.sqrt(6) + 0.5}, within(1e-12));
    }

    @Test
    void servedListsAreMeasuredAtTheTestItemsPositionWithTheShareOfEachTier() {
        Map<String, ServedList> answers = Map.of(
                "u1", new ServedList(List.of("c", "a"), "batch"),
                "u2", new ServedList(List.of("a", "d", "c"), "batch"),
                "u4", new ServedList(List.of("c", "a"), "popular"));
        assertThat(Arrays.stream(split.testUsers()).map(split::queryItem)).containsExactly(1, 1, 0);

        QualityReport related = Evaluation.served("api", split, Task.RELATED, 10, user -> answers.get(split.userId(user)));
        assertThat(related.hitRate()).isEqualTo(1);
        assertThat(related.ndcg()).isCloseTo((1 + 0.5 + 1) / 3, within(1e-12));
        assertThat(related.coverage()).isEqualTo(0.75);
        assertThat(related.tiers()).containsOnly(entry("batch", 2.0 / 3), entry("popular", 1.0 / 3));

        // At k = 2, u2's c (third) is out; u4's test item c is in its history: a miss, even though the list shows it.
        QualityReport personal = Evaluation.served("api", split, Task.PERSONAL, 2, user -> answers.get(split.userId(user)));
        assertThat(personal.hitRate()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(personal.ndcg()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(personal.coverage()).isEqualTo(0.75);
    }

    @Test
    void theValidationSplitHoldsOutEachTestUsersSecondToLastItem() {
        Split validation = split.validation();
        assertThat(validation.testUsers()).containsExactly(0, 1, 3);
        assertThat(Arrays.stream(validation.testUsers()).map(validation::testItem)).containsExactly(1, 1, 0);
        assertThat(validation.history(0)).containsExactly(0);
        assertThat(validation.history(2)).containsExactly(0, 3);
    }

    @Test
    void aSpreadSampleOfTestUsersTakesEveryNthAndKeepsTheTrainingData() {
        Split one = split.spreadTestUsers(1);
        assertThat(one.testUsers()).containsExactly(0);
        assertThat(split.spreadTestUsers(2).testUsers()).containsExactly(0, 1);
        assertThat(split.spreadTestUsers(3)).isSameAs(split);
        assertThat(one.trainingInteractions()).isEqualTo(split.trainingInteractions());
        assertThat(one.history(3)).containsExactly(split.history(3));
        assertThat(one.testItem(3)).isEqualTo(-1);
    }

    private static final class Constant implements Scorer {

        @Override
        public String name() {
            return "constant";
        }

        @Override
        public void related(int query, double[] scores) {
            Arrays.fill(scores, 0);
        }

        @Override
        public void personal(int[] history, double[] scores) {
            Arrays.fill(scores, 0);
        }
    }
}
