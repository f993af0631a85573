package io.nightshift.laptop.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A synthetic shop of a realistic shape, deterministic from its seed: product popularity follows
 * a power law (Zipf), products belong to categories, and shoppers come in sessions that mostly stay
 * in one category and often walk to the "next" product of the category (a successor, so order
 * carries signal for the sequence-aware family). Item index = popularity rank; categories are
 * drawn at random, so a category mixes head and tail products.
 *
 * @param data       the histories as the families take them (no immediate repeat)
 * @param categoryOf each product's category
 * @param times      per shopper, the epoch second of each interaction (sessions minutes long, days apart)
 */
public record SyntheticCatalog(Dataset data, int[] categoryOf, long[][] times) {

    /** Session gaps are at least this long (seconds); steps inside a session at most {@link #MAX_STEP}. */
    public static final long MIN_SESSION_GAP = 6 * 3600;
    public static final long MAX_STEP = 600;
    private static final long START = 1_700_000_000L;

    /**
     * @param products               catalog size
     * @param interactionsPerProduct interactions in proportion to the catalog (a real shop has ~16)
     * @param productsPerCategory    mean category size
     * @param zipf                   popularity exponent: weight of rank r is {@code 1/(r+1)^zipf}
     * @param stayInCategory         chance that the next product of a session is in the session's category
     * @param followSuccessor        of those, the chance that it is the current product's successor
     * @param meanSessionLength      mean interactions per session (geometric, at least 1)
     * @param meanSessions           mean sessions per shopper (geometric, at least 1)
     */
    public record Shape(int products, double interactionsPerProduct, int productsPerCategory, double zipf,
                        double stayInCategory, double followSuccessor, double meanSessionLength, double meanSessions) {

        /** A shop of this many products with the default shape. */
        public static Shape of(int products) {
            return new Shape(products, 16, 100, 1.0, 0.85, 0.4, 4, 2);
        }

        public Shape withInteractionsPerProduct(double perProduct) {
            return new Shape(products, perProduct, productsPerCategory, zipf, stayInCategory, followSuccessor, meanSessionLength,
                    meanSessions);
        }
    }

    public static SyntheticCatalog generate(Shape shape, long seed) {
        return new Generator(shape, new SplittableRandom(seed)).run();
    }

    public int categoryCount() {
        return Arrays.stream(categoryOf).max().orElse(-1) + 1;
    }

    private static final class Generator {

        private final Shape shape;
        private final SplittableRandom random;
        private final int n;
        private final int[] categoryOf;
        /** Products of each category in popularity order, and their cumulative weights. */
        private final int[][] members;
        private final double[][] cumulative;
        private final int[] positionInCategory;
        private final double[] categoryCumulative;

        Generator(Shape shape, SplittableRandom random) {
            this.shape = shape;
            this.random = random;
            this.n = shape.products();
            int categories = Math.max(1, n / shape.productsPerCategory());
            categoryOf = new int[n];
            int[] sizes = new int[categories];
            for (int i = 0; i < n; i++) {
                // The first products head one category each, so none is empty.
                categoryOf[i] = i < categories ? i : random.nextInt(categories);
                sizes[categoryOf[i]]++;
            }
            members = new int[categories][];
            cumulative = new double[categories][];
            for (int c = 0; c < categories; c++) {
                members[c] = new int[sizes[c]];
                cumulative[c] = new double[sizes[c]];
            }
            positionInCategory = new int[n];
            int[] filled = new int[categories];
            double[] categoryWeight = new double[categories];
            for (int i = 0; i < n; i++) {
                int c = categoryOf[i];
                double weight = 1 / Math.pow(i + 1, shape.zipf());
                int at = filled[c]++;
                members[c][at] = i;
                positionInCategory[i] = at;
                cumulative[c][at] = (at == 0 ? 0 : cumulative[c][at - 1]) + weight;
                categoryWeight[c] += weight;
            }
            categoryCumulative = new double[categories];
            for (int c = 0; c < categories; c++) {
                categoryCumulative[c] = (c == 0 ? 0 : categoryCumulative[c - 1]) + categoryWeight[c];
            }
        }

        SyntheticCatalog run() {
            long target = Math.round(n * shape.interactionsPerProduct());
            List<int[]> sequences = new ArrayList<>();
            List<long[]> times = new ArrayList<>();
            long made = 0;
            int[] items = new int[64];
            long[] at = new long[64];
            while (made < target) {
                int count = 0;
                long time = START + random.nextLong(30L * 86_400);
                int sessions = geometric(shape.meanSessions());
                for (int s = 0; s < sessions; s++) {
                    int length = geometric(shape.meanSessionLength());
                    int category = draw(categoryCumulative);
                    int current = -1;
                    for (int k = 0; k < length; k++) {
                        int next = nextItem(category, current);
                        if (next == current || (count > 0 && items[count - 1] == next)) {
                            continue; // an immediate repeat is not a second interaction
                        }
                        if (count == items.length) {
                            items = Arrays.copyOf(items, count * 2);
                            at = Arrays.copyOf(at, count * 2);
                        }
                        items[count] = next;
                        at[count] = time;
                        count++;
                        time += 30 + random.nextLong(MAX_STEP - 30);
                        current = next;
                        category = categoryOf[next];
                    }
                    time += MIN_SESSION_GAP + random.nextLong(10L * 86_400);
                }
                if (count > 0) {
                    sequences.add(Arrays.copyOf(items, count));
                    times.add(Arrays.copyOf(at, count));
                    made += count;
                }
            }
            List<String> itemIds = IntStream.range(0, n).mapToObj(i -> "p" + i).toList();
            List<String> userIds = IntStream.range(0, sequences.size()).mapToObj(u -> "u" + u).toList();
            return new SyntheticCatalog(new Dataset(itemIds, userIds, sequences.toArray(int[][]::new)), categoryOf,
                    times.toArray(long[][]::new));
        }

        /** The session's next product: the successor in the category, another product of it, or anywhere. */
        private int nextItem(int category, int current) {
            double roll = random.nextDouble();
            if (current >= 0 && roll < shape.stayInCategory() * shape.followSuccessor()) {
                int[] peers = members[categoryOf[current]];
                return peers[(positionInCategory[current] + 1) % peers.length];
            }
            if (current < 0 || roll < shape.stayInCategory()) {
                return members[category][draw(cumulative[category])];
            }
            int other = draw(categoryCumulative);
            return members[other][draw(cumulative[other])];
        }

        private int draw(double[] cumulativeWeights) {
            double x = random.nextDouble() * cumulativeWeights[cumulativeWeights.length - 1];
            int at = Arrays.binarySearch(cumulativeWeights, x);
            return Math.min(cumulativeWeights.length - 1, at >= 0 ? at + 1 : -at - 1);
        }

        /** At least 1, mean {@code mean}. */
        private int geometric(double mean) {
            double p = 1 / mean;
            int k = 1;
            while (random.nextDouble() > p) {
                k++;
            }
            return k;
        }
    }
}
