package io.nightshift.laptop.models;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shoppers' histories as item indices in time order, the shape every model family and the
 * evaluation protocol work on. A repeat of the same product right after itself collapses into
 * one interaction (a double click is not a second signal).
 *
 * @param items     product ids by index
 * @param users     user keys by row
 * @param sequences per user, item indices oldest first
 */
public record Dataset(List<String> items, List<String> users, int[][] sequences) {

    public int itemCount() {
        return items.size();
    }

    public long interactionCount() {
        return interactionsIn(sequences);
    }

    /** The interactions in training histories, as a family's {@code train} and {@code estimate} receive them. */
    public static long interactionsIn(int[][] histories) {
        long total = 0;
        for (int[] sequence : histories) {
            total += sequence.length;
        }
        return total;
    }

    /** Builds a dataset from interactions fed in time order (per user; users may interleave). */
    public static final class Builder {
        private final Map<String, Integer> itemIndex = new HashMap<>();
        private final List<String> items = new ArrayList<>();
        private final Map<String, List<Integer>> histories = new LinkedHashMap<>();

        public Builder add(String user, String item) {
            int index = itemIndex.computeIfAbsent(item, key -> {
                items.add(key);
                return items.size() - 1;
            });
            List<Integer> history = histories.computeIfAbsent(user, key -> new ArrayList<>());
            if (history.isEmpty() || history.getLast() != index) {
                history.add(index);
            }
            return this;
        }

        public Dataset build() {
            List<String> users = new ArrayList<>(histories.keySet());
            int[][] sequences = new int[users.size()][];
            int row = 0;
            for (List<Integer> history : histories.values()) {
                sequences[row++] = history.stream().mapToInt(Integer::intValue).toArray();
            }
            return new Dataset(List.copyOf(items), List.copyOf(users), sequences);
        }
    }
}
