package io.nightshift.cli.referee;

import io.nightshift.schemas.event.ShopEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The leave-last-out split of the evaluation protocol ({@code docs/quality.md}):
 * <ol>
 *   <li>per user, interactions in time order; equal times keep the order of the input;</li>
 *   <li>an item repeated right after itself is one interaction;</li>
 *   <li>users with at least {@value #MIN_INTERACTIONS} interactions are test users: their last
 *       interaction is the test item, the rest is training data; every interaction of the other
 *       users is training data too.</li>
 * </ol>
 * Users and items are numbered 0.. in order of first appearance in the input; the catalog is
 * every item of the input, test-only items included (they can be recommended, they just have no
 * training signal).
 */
public final class Split {

    public static final int MIN_INTERACTIONS = 3;

    private final String[] userIds;
    private final String[] itemIds;
    private final Map<String, Integer> itemIndex;
    /** Per user, the training interactions in time order (repeats collapsed). */
    private final int[][] training;
    /** Per user, the test item, or -1 for a user who is not a test user. */
    private final int[] testItem;
    private final int[] testUsers;
    /** Input positions of the events that make up test interactions (several where a repeat was collapsed). */
    private final BitSet testEvents;

    private Split(String[] userIds, String[] itemIds, Map<String, Integer> itemIndex, int[][] training, int[] testItem,
                  BitSet testEvents) {
        this.userIds = userIds;
        this.itemIds = itemIds;
        this.itemIndex = itemIndex;
        this.training = training;
        this.testItem = testItem;
        this.testEvents = testEvents;
        this.testUsers = IntStream.range(0, testItem.length).filter(u -> testItem[u] >= 0).toArray();
    }

    /** The split of events in input order (the order of the file they were read from); uses user, product and time. */
    public static Split of(List<ShopEvent> events) {
        Map<String, Integer> users = new HashMap<>();
        Map<String, Integer> items = new HashMap<>();
        List<String> userIds = new ArrayList<>();
        List<String> itemIds = new ArrayList<>();
        int n = events.size();
        int[] userOf = new int[n];
        int[] itemOf = new int[n];
        Instant[] time = new Instant[n];
        for (int i = 0; i < n; i++) {
            ShopEvent event = events.get(i);
            userOf[i] = index(users, userIds, event.partitionKey());
            itemOf[i] = index(items, itemIds, event.productId());
            time[i] = event.occurredAt();
        }
        int[][] positions = byUser(userOf, userIds.size());
        int[][] training = new int[userIds.size()][];
        int[] test = new int[userIds.size()];
        BitSet testEvents = new BitSet(n);
        for (int u = 0; u < positions.length; u++) {
            Integer[] order = Arrays.stream(positions[u]).boxed().toArray(Integer[]::new);
            // A stable sort: equal times keep input order, as the protocol says.
            Arrays.sort(order, (a, b) -> time[a].compareTo(time[b]));
            int[] sequence = new int[order.length];
            int lastRunStart = 0;
            int length = 0;
            for (int k = 0; k < order.length; k++) {
                int item = itemOf[order[k]];
                if (length > 0 && sequence[length - 1] == item) {
                    continue;
                }
                lastRunStart = k;
                sequence[length++] = item;
            }
            if (length >= MIN_INTERACTIONS) {
                test[u] = sequence[length - 1];
                training[u] = Arrays.copyOf(sequence, length - 1);
                for (int k = lastRunStart; k < order.length; k++) {
                    testEvents.set(order[k]);
                }
            } else {
                test[u] = -1;
                training[u] = Arrays.copyOf(sequence, length);
            }
        }
        return new Split(userIds.toArray(String[]::new), itemIds.toArray(String[]::new), items, training, test, testEvents);
    }

    /**
     * The validation split carved from this split's training data, for choosing hyperparameters
     * without looking at test items: each test user's second-to-last interaction becomes the
     * held-out item, the interactions before it the history. Test items are not in it at all
     * ({@link #isTestEvent(int)} is always false here).
     */
    public Split validation() {
        int[][] history = new int[training.length][];
        int[] held = new int[training.length];
        for (int u = 0; u < training.length; u++) {
            int[] sequence = training[u];
            if (testItem[u] >= 0 && sequence.length >= 2) {
                held[u] = sequence[sequence.length - 1];
                history[u] = Arrays.copyOf(sequence, sequence.length - 1);
            } else {
                held[u] = -1;
                history[u] = sequence;
            }
        }
        return new Split(userIds, itemIds, itemIndex, history, held, new BitSet());
    }

    /**
     * The same split with only the first {@code limit} test users (in order of first appearance)
     * still held out; the others keep their training data as before but are not evaluated. For
     * quick runs: the training data, and so what a model learns, stays exactly the same.
     */
    public Split firstTestUsers(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        int[] held = testItem.clone();
        int kept = 0;
        for (int u = 0; u < held.length; u++) {
            if (held[u] >= 0 && kept++ >= limit) {
                held[u] = -1;
            }
        }
        return new Split(userIds, itemIds, itemIndex, training, held, testEvents);
    }

    /**
     * The same split with at most {@code limit} test users still held out, spread evenly over all
     * of them in order of first appearance (every n-th), so a sample is not just the oldest users;
     * the training data stays exactly the same, as in {@link #firstTestUsers(int)}.
     */
    public Split spreadTestUsers(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        if (limit >= testUsers.length) {
            return this;
        }
        int[] held = new int[testItem.length];
        Arrays.fill(held, -1);
        for (int n = 0; n < limit; n++) {
            int user = testUsers[(int) ((long) n * testUsers.length / limit)];
            held[user] = testItem[user];
        }
        return new Split(userIds, itemIds, itemIndex, training, held, testEvents);
    }

    public int userCount() {
        return userIds.length;
    }

    public int itemCount() {
        return itemIds.length;
    }

    public String userId(int user) {
        return userIds[user];
    }

    public String itemId(int item) {
        return itemIds[item];
    }

    /** The item's index, or -1 when the input never mentioned it. */
    public int itemIndex(String itemId) {
        return itemIndex.getOrDefault(itemId, -1);
    }

    /** Test users' indexes, ascending. */
    public int[] testUsers() {
        return testUsers.clone();
    }

    public int testUserCount() {
        return testUsers.length;
    }

    /** The user's held-out item, or -1 when the user is not a test user. */
    public int testItem(int user) {
        return testItem[user];
    }

    /** The related task's query for a test user: the last training interaction. */
    public int queryItem(int user) {
        int[] history = training[user];
        return history[history.length - 1];
    }

    /** The user's training interactions in time order; do not modify. */
    public int[] history(int user) {
        return training[user];
    }

    /** Training interactions of all users together (after collapsing repeats). */
    public long trainingInteractions() {
        long total = 0;
        for (int[] sequence : training) {
            total += sequence.length;
        }
        return total;
    }

    /**
     * Whether the event at this position of the input is part of a test interaction; everything
     * else is what a model (or the stack under evaluation) may learn from.
     */
    public boolean isTestEvent(int inputPosition) {
        return testEvents.get(inputPosition);
    }

    private static int index(Map<String, Integer> indexes, List<String> ids, String id) {
        Integer known = indexes.get(id);
        if (known != null) {
            return known;
        }
        indexes.put(id, ids.size());
        ids.add(id);
        return ids.size() - 1;
    }

    private static int[][] byUser(int[] userOf, int users) {
        int[] counts = new int[users];
        for (int u : userOf) {
            counts[u]++;
        }
        int[][] positions = new int[users][];
        for (int u = 0; u < users; u++) {
            positions[u] = new int[counts[u]];
        }
        int[] filled = new int[users];
        for (int i = 0; i < userOf.length; i++) {
            positions[userOf[i]][filled[userOf[i]]++] = i;
        }
        return positions;
    }
}
