package io.nightshift.onlineapi.serving;

import io.nightshift.schemas.Tier;
import io.nightshift.schemas.result.ScoredItem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Fallback resolution as a product page runs it ({@link Assembled#from} over the tier lists: fresh,
 * batch, trending, popular; a tenth of the products unavailable; 20 asked) against a plain
 * filtered copy of the first list's first 20 allowed items, the least any resolution must do.
 * Two shapes: the fresh list fills the answer alone, or it is short and the batch and trending
 * lists fill it up. Run by {@code ./mvnw -Pjmh -pl online-api -am verify -DskipTests}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FallbackResolutionBenchmark {

    private static final int LIMIT = 20;

    private List<TierList> fullLists;
    private List<TierList> shortLists;
    private Predicate<String> allowed;
    private final Set<Tier> disabled = EnumSet.noneOf(Tier.class);
    private final Instant now = Instant.parse("2026-12-05T02:00:00Z");

    @Setup
    public void setUp() {
        Random random = new Random(3);
        Set<String> unavailable = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            if (random.nextInt(10) == 0) {
                unavailable.add(product(i));
            }
        }
        allowed = id -> !unavailable.contains(id);
        fullLists = List.of(tier(Tier.FRESH, random, 50), tier(Tier.BATCH, random, 50), tier(Tier.TRENDING, random, 50),
                tier(Tier.POPULAR, random, 100));
        shortLists = List.of(tier(Tier.FRESH, random, 8), tier(Tier.BATCH, random, 12), tier(Tier.TRENDING, random, 50),
                tier(Tier.POPULAR, random, 100));
    }

    @Benchmark
    public Assembled resolveFirstListFills() {
        return Assembled.from(fullLists, disabled, allowed, LIMIT, now);
    }

    @Benchmark
    public Assembled resolveShortListsFilledUp() {
        return Assembled.from(shortLists, disabled, allowed, LIMIT, now);
    }

    @Benchmark
    public List<ScoredItem> plainFilteredCopyOfFirstList() {
        List<ScoredItem> out = new ArrayList<>(LIMIT);
        for (ScoredItem item : fullLists.getFirst().items()) {
            if (out.size() >= LIMIT) {
                break;
            }
            if (allowed.test(item.productId())) {
                out.add(item);
            }
        }
        return out;
    }

    private static TierList tier(Tier tier, Random random, int size) {
        List<ScoredItem> items = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            items.add(new ScoredItem(product(random.nextInt(1_000)), 1.0 - i * 0.01));
        }
        return new TierList(tier, tier == Tier.BATCH || tier == Tier.FRESH ? "v1" : null, Instant.parse("2026-12-05T01:00:00Z"), items);
    }

    private static String product(int i) {
        return "p-" + (100_000 + i);
    }
}
