package io.nightshift.laptop.training;

import io.nightshift.laptop.sync.Interaction;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.result.ScoredItem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CooccurrenceTest {

    private static final Set<String> ABCD = Set.of("A", "B", "C", "D");

    /** u1: A B; u2: A B C; u3: B C; u4: D. */
    private static List<Interaction> smallShop() {
        return List.of(
                view("u1", "A"), view("u1", "B"),
                view("u2", "A"), view("u2", "B"), view("u2", "C"),
                view("u3", "B"), view("u3", "C"),
                view("u4", "D"));
    }

    @Test
    @DisplayName("neighbours are the products shoppers share, by cosine similarity")
    void cosineNeighbours() {
        Cooccurrence.Result result = train(smallShop(), ABCD, 0.0);

        // cos(A,B) = 2/sqrt(2*3), cos(A,C) = 1/sqrt(2*2), cos(B,C) = 2/sqrt(3*2)
        assertThat(result.neighbours().get("A")).extracting(ScoredItem::productId).containsExactly("B", "C");
        assertThat(result.neighbours().get("A").get(0).score()).isCloseTo(2 / Math.sqrt(6), within(1e-12));
        assertThat(result.neighbours().get("A").get(1).score()).isCloseTo(0.5, within(1e-12));
        assertThat(result.neighbours().get("B")).extracting(ScoredItem::productId)
                .as("a tie breaks by product id").containsExactly("A", "C");
        assertThat(result.neighbours().get("C")).extracting(ScoredItem::productId).containsExactly("B", "A");
        assertThat(result.neighbours()).doesNotContainKey("D");
    }

    @Test
    @DisplayName("shrinkage prefers a pair many shoppers share to a pair one shopper happened to view")
    void shrinkage() {
        List<Interaction> history = new ArrayList<>();
        for (String user : List.of("u1", "u2", "u3", "u4")) {
            history.add(view(user, "X"));
        }
        history.add(view("u1", "Y"));
        for (String user : List.of("u2", "u3", "u4")) {
            history.add(view(user, "Z"));
        }
        for (int i = 0; i < 20; i++) {
            history.add(view("z" + String.format("%02d", i), "Z"));
        }
        history.sort((a, b) -> a.userKey().compareTo(b.userKey()));
        Set<String> all = Set.of("X", "Y", "Z");

        assertThat(train(history, all, 0.0).neighbours().get("X")).extracting(ScoredItem::productId).containsExactly("Y", "Z");
        assertThat(train(history, all, 10.0).neighbours().get("X")).extracting(ScoredItem::productId).containsExactly("Z", "Y");
    }

    @Test
    @DisplayName("a purchase weighs more than a view, and a repeated view no more than one")
    void weights() {
        List<Interaction> history = List.of(
                view("u1", "A"), view("u1", "B"), view("u1", "B"), view("u1", "B"),
                view("u2", "A"), new Interaction("u2", "C", EventType.PURCHASE, null),
                view("u3", "B"), view("u3", "C"));

        Cooccurrence.Result result = train(history, ABCD, 0.0);

        // B: u1 (1), u3 (1); C: u2 (3), u3 (1). A-B = 1/(sqrt2*sqrt2) = 0.5; A-C = 3/(sqrt2*sqrt10) = 0.67
        assertThat(result.neighbours().get("A")).extracting(ScoredItem::productId).containsExactly("C", "B");
        assertThat(result.neighbours().get("A").get(1).score()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    @DisplayName("a rating of 2 stars or fewer ties nothing, one without stars counts like a view")
    void ratingsByAffinity() {
        List<Interaction> lowRating = List.of(
                view("u1", "A"), new Interaction("u1", "B", EventType.RATING, 1.0),
                view("u2", "A"), view("u2", "B"));
        List<Interaction> unrated = List.of(
                view("u1", "A"), new Interaction("u1", "B", EventType.RATING, null),
                view("u2", "A"), view("u2", "B"));

        // Only u2 ties A and B: 1 / (sqrt2 * 1). Were the 1-star rating counted, u1 would tie them too: 2 / (sqrt2 * sqrt2).
        assertThat(train(lowRating, ABCD, 0.0).neighbours().get("A").get(0).score()).isCloseTo(1 / Math.sqrt(2), within(1e-12));
        assertThat(train(unrated, ABCD, 0.0).neighbours().get("A").get(0).score()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    @DisplayName("a version's lineage records the weights the model was trained with, in the form it always had")
    void lineageRecordsTheWeights() {
        assertThat(new CooccurrenceParameters(50, 10.0, 200).asLineage())
                .containsEntry("weights", "view=1,add_to_cart=2,purchase=3,rating=stars-2");
    }

    @Test
    @DisplayName("unavailable products are never neighbours, though their shoppers still link the others")
    void unavailableNeverRecommended() {
        Cooccurrence.Result result = train(smallShop(), Set.of("A", "C", "D"), 0.0);

        assertThat(result.neighbours().get("A")).extracting(ScoredItem::productId).containsExactly("C");
        assertThat(result.neighbours().get("B")).extracting(ScoredItem::productId).containsExactly("A", "C");
        assertThat(result.popular()).extracting(ScoredItem::productId).doesNotContain("B");
    }

    @Test
    @DisplayName("the same history always gives the same model")
    void deterministic() {
        Cooccurrence.Result first = train(smallShop(), ABCD, 10.0);
        Cooccurrence.Result second = train(smallShop(), ABCD, 10.0);

        assertThat(second).isEqualTo(first);
    }

    @Test
    @DisplayName("a list is its neighbours, then popular products, never the product itself")
    void listsFillWithPopular() {
        Cooccurrence.Result result = train(smallShop(), ABCD, 0.0);
        RelatedItemsModel model = new RelatedItemsModel("v1-cooccurrence", Cooccurrence.FAMILY, Instant.EPOCH, Map.of(), "",
                result.neighbours(), result.popular(), Map.of());

        assertThat(result.popular()).extracting(ScoredItem::productId).containsExactly("B", "A", "C", "D");
        List<ScoredItem> forA = model.relatedTo("A", 3);
        assertThat(forA).extracting(ScoredItem::productId).containsExactly("B", "C", "D");
        assertThat(forA.get(2).score()).as("a fill-in scores below every neighbour").isLessThan(forA.get(1).score()).isPositive();
        assertThat(model.relatedTo("D", 5)).extracting(ScoredItem::productId).containsExactly("B", "A", "C");
        assertThat(model.relatedTo("unknown", 2)).extracting(ScoredItem::productId).containsExactly("B", "A");
        assertThat(model.relatedTo("B", 1)).extracting(ScoredItem::productId).containsExactly("A");
    }

    private static Cooccurrence.Result train(List<Interaction> history, Set<String> candidates, double shrinkage) {
        Cooccurrence.Accumulator accumulator = new Cooccurrence(new CooccurrenceParameters(50, shrinkage, 200)).accumulator();
        history.forEach(accumulator::add);
        return accumulator.finish(candidates, 10);
    }

    private static Interaction view(String user, String product) {
        return new Interaction(user, product, EventType.VIEW, null);
    }
}
