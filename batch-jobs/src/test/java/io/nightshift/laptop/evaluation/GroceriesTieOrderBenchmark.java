package io.nightshift.laptop.evaluation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Why no family beats popularity on Groceries (docs/quality.md): three measurements on the raw file,
 * with issue 8's protocol and the {@link Evaluator}'s tie-aware gain.
 * <ol>
 *   <li>Items in one basket (member and date) are independent: the co-occurrence of each pair against
 *       what random baskets of the same sizes would give, as a z-score.</li>
 *   <li>The rows of a basket are in a fixed item order in the file (the protocol keeps it for equal
 *       dates, so the test item is the basket's last row in that order): for a few items, how often
 *       each is a basket's last row and how often its first; and its rows per year (the market drifts).</li>
 *   <li>Popularity against recency-weighted popularity (each purchase weighs {@code exp(-age / τ)},
 *       age in days before the training data's last date), once with the file's tie order and once
 *       with each basket's rows in a seeded random order.</li>
 * </ol>
 * Seconds of CPU, but only on request: {@code ./mvnw -B -o verify -pl batch-jobs -am -DskipITs
 * -Dtest=GroceriesTieOrderBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dnightshift.bench=true}.
 */
@EnabledIfSystemProperty(named = "nightshift.bench", matches = "true")
class GroceriesTieOrderBenchmark {

    private static final double[] TAUS = {90, 180, 365};

    private record Row(int user, int day, int item) {
    }

    /** Per user, the item sequence and each item's day, repeats right after themselves collapsed. */
    private record Histories(int[][] items, int[][] days) {
    }

    @Test
    void groceries() throws IOException {
        Path file = PublicDatasets.GROCERIES;
        assumeThat(Files.exists(file)).as(file + " is absent").isTrue();
        Map<String, Integer> users = new HashMap<>();
        Map<String, Integer> itemIndex = new LinkedHashMap<>();
        List<Row> rows = new ArrayList<>();
        DateTimeFormatter format = DateTimeFormatter.ofPattern("dd-MM-yyyy");
        for (String line : Files.readAllLines(file)) {
            String[] fields = line.strip().split(",", 3);
            if (fields.length == 3) {
                rows.add(new Row(users.computeIfAbsent(fields[0], k -> users.size()),
                        (int) LocalDate.parse(fields[1], format).toEpochDay(), itemIndex.computeIfAbsent(fields[2], k -> itemIndex.size())));
            }
        }
        List<String> names = List.copyOf(itemIndex.keySet());
        int n = names.size();
        Map<Long, List<Integer>> baskets = baskets(rows);
        associations(baskets, n);
        tieOrder(baskets, rows, names);

        Histories fileOrder = histories(rows, users.size(), null);
        double[] popularityTest = measure("file order", "test", fileOrder, 1, n);
        measure("file order", "validation", fileOrder, 2, n);
        for (long seed = 1; seed <= 3; seed++) {
            Histories shuffled = histories(rows, users.size(), new Random(seed));
            measure("random order, seed " + seed, "test", shuffled, 1, n);
            measure("random order, seed " + seed, "validation", shuffled, 2, n);
        }
        // The protocol's split: popularity as docs/quality.md reports it.
        assertThat(popularityTest[0]).isCloseTo(0.1772, org.assertj.core.data.Offset.offset(0.00005));
        assertThat(popularityTest[1]).isCloseTo(0.1521, org.assertj.core.data.Offset.offset(0.00005));
    }

    /** Per basket (user and day), its distinct items in file order. */
    private static Map<Long, List<Integer>> baskets(List<Row> rows) {
        Map<Long, List<Integer>> baskets = new LinkedHashMap<>();
        for (Row row : rows) {
            List<Integer> basket = baskets.computeIfAbsent((long) row.user() << 32 | row.day(), k -> new ArrayList<>());
            if (!basket.contains(row.item())) {
                basket.add(row.item());
            }
        }
        return baskets;
    }

    private static void associations(Map<Long, List<Integer>> baskets, int n) {
        double[] count = new double[n];
        double[][] pairs = new double[n][n];
        double slots = 0;
        double ordered = 0;
        for (List<Integer> basket : baskets.values()) {
            slots += basket.size();
            ordered += (double) basket.size() * (basket.size() - 1);
            for (int a : basket) {
                count[a]++;
                for (int b : basket) {
                    if (a != b) {
                        pairs[a][b]++;
                    }
                }
            }
        }
        double sum = 0;
        double squares = 0;
        double max = Double.NEGATIVE_INFINITY;
        int tested = 0;
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                double expected = count[a] * count[b] * ordered / (slots * slots);
                if (expected > 20) {
                    double z = (pairs[a][b] - expected) / Math.sqrt(expected);
                    sum += z;
                    squares += z * z;
                    max = Math.max(max, Math.abs(z));
                    tested++;
                }
            }
        }
        double mean = sum / tested;
        System.err.printf(Locale.ROOT, "GROCERIES baskets %d; same-basket pairs with >20 expected: %d, z mean %.2f, sd %.2f, max |z| %.2f%n",
                baskets.size(), tested, mean, Math.sqrt(squares / tested - mean * mean), max);
    }

    private static void tieOrder(Map<Long, List<Integer>> baskets, List<Row> rows, List<String> names) {
        int n = names.size();
        double[] last = new double[n];
        double[] first = new double[n];
        int newYear = (int) LocalDate.of(2015, 1, 1).toEpochDay();
        double[][] byYear = new double[2][n];
        for (Row row : rows) {
            byYear[row.day() < newYear ? 0 : 1][row.item()]++;
        }
        for (List<Integer> basket : baskets.values()) {
            if (basket.size() >= 2) {
                first[basket.getFirst()]++;
                last[basket.getLast()]++;
            }
        }
        for (String name : List.of("frankfurter", "sausage", "whole milk", "newspapers", "shopping bags")) {
            int item = names.indexOf(name);
            System.err.printf(Locale.ROOT, "GROCERIES tie order: %-14s last row of %4.0f baskets, first row of %4.0f; rows in 2014 %4.0f, in 2015 %4.0f%n",
                    name, last[item], first[item], byYear[0][item], byYear[1][item]);
        }
    }

    /** Rows per user by day; within a day in file order, or shuffled when {@code random} is given. */
    private static Histories histories(List<Row> rows, int userCount, Random random) {
        List<List<Row>> byUser = new ArrayList<>();
        for (int u = 0; u < userCount; u++) {
            byUser.add(new ArrayList<>());
        }
        rows.forEach(row -> byUser.get(row.user()).add(row));
        int[][] items = new int[userCount][];
        int[][] days = new int[userCount][];
        for (int u = 0; u < userCount; u++) {
            List<Row> own = byUser.get(u);
            double[] key = new double[own.size()];
            Integer[] order = new Integer[own.size()];
            for (int k = 0; k < own.size(); k++) {
                order[k] = k;
                key[k] = random == null ? k : random.nextDouble();
            }
            Arrays.sort(order, (a, b) -> own.get(a).day() != own.get(b).day()
                    ? Integer.compare(own.get(a).day(), own.get(b).day()) : Double.compare(key[a], key[b]));
            int[] sequence = new int[own.size()];
            int[] day = new int[own.size()];
            int length = 0;
            for (int k : order) {
                Row row = own.get(k);
                if (length == 0 || sequence[length - 1] != row.item()) {
                    sequence[length] = row.item();
                    day[length++] = row.day();
                }
            }
            items[u] = Arrays.copyOf(sequence, length);
            days[u] = Arrays.copyOf(day, length);
        }
        return new Histories(items, days);
    }

    /**
     * NDCG@10 of popularity and of recency-weighted popularity for each τ, on the split that holds out
     * each test user's {@code fromEnd}-th item from the end (1 test, 2 validation) and drops what follows.
     *
     * @return popularity's {related, personal} NDCG@10
     */
    private static double[] measure(String order, String split, Histories histories, int fromEnd, int n) {
        int users = histories.items().length;
        int[] cut = new int[users];
        int lastDay = Integer.MIN_VALUE;
        int cases = 0;
        int sameDay = 0;
        for (int u = 0; u < users; u++) {
            int length = histories.items()[u].length;
            cut[u] = length >= LeaveLastOut.MIN_INTERACTIONS ? length - fromEnd : length;
            if (length >= LeaveLastOut.MIN_INTERACTIONS) {
                cases++;
                sameDay += histories.days()[u][cut[u]] == histories.days()[u][cut[u] - 1] ? 1 : 0;
            }
            for (int k = 0; k < cut[u]; k++) {
                lastDay = Math.max(lastDay, histories.days()[u][k]);
            }
        }
        float[] popularity = new float[n];
        float[][] recent = new float[TAUS.length][n];
        for (int u = 0; u < users; u++) {
            Set<Integer> distinct = new HashSet<>();
            for (int k = 0; k < cut[u]; k++) {
                int item = histories.items()[u][k];
                if (distinct.add(item)) {
                    popularity[item]++;
                }
                for (int t = 0; t < TAUS.length; t++) {
                    recent[t][item] += (float) Math.exp(-(lastDay - histories.days()[u][k]) / TAUS[t]);
                }
            }
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "GROCERIES %-22s %-10s | held-out item on the query's date %4.1f %%",
                order, split, 100.0 * sameDay / cases));
        double[] result = ndcg(popularity, histories, cut, n);
        line.append(String.format(Locale.ROOT, " | popularity %.4f / %.4f", result[0], result[1]));
        for (int t = 0; t < TAUS.length; t++) {
            double[] weighted = ndcg(recent[t], histories, cut, n);
            line.append(String.format(Locale.ROOT, " | recency τ=%.0f d %.4f / %.4f", TAUS[t], weighted[0], weighted[1]));
        }
        System.err.println(line);
        return result;
    }

    /** {related, personal} NDCG@10 of one score per item, over the users with a held-out item. */
    private static double[] ndcg(float[] scores, Histories histories, int[] cut, int n) {
        double related = 0;
        double personal = 0;
        int cases = 0;
        for (int u = 0; u < cut.length; u++) {
            int[] sequence = histories.items()[u];
            if (sequence.length < LeaveLastOut.MIN_INTERACTIONS) {
                continue;
            }
            int[] history = Arrays.copyOf(sequence, cut[u]);
            int target = sequence[cut[u]];
            cases++;
            related += Evaluator.rankGain(scores, 0, n, target, new int[]{history[history.length - 1]})[1];
            int[] distinct = Evaluator.distinctMostRecentLast(history);
            if (Arrays.stream(distinct).noneMatch(item -> item == target)) {
                personal += Evaluator.rankGain(scores, 0, n, target, distinct)[1];
            }
        }
        return new double[]{related / cases, personal / cases};
    }
}
