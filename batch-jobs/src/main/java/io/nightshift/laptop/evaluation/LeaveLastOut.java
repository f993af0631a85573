package io.nightshift.laptop.evaluation;

import io.nightshift.laptop.models.Dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The evaluation protocol of issue 8 (docs/quality.md): users with at least 3 interactions are
 * test users, their last interaction is the test item and everything else (including all
 * interactions of the other users) is training data.
 *
 * <p>{@link #validation} carves the model-selection split out of the training data the same way
 * (each test user's second-to-last item), so the test items are never used for tuning.
 *
 * @param itemCount the catalog size (item indices are below it)
 * @param train     training sequences, one per user (possibly empty)
 * @param cases     the held-out interactions
 */
public record LeaveLastOut(int itemCount, int[][] train, List<Case> cases) {

    public static final int MIN_INTERACTIONS = 3;

    /**
     * One held-out interaction.
     *
     * @param user    the user's row
     * @param history the user's training interactions, oldest first
     * @param target  the held-out item
     */
    public record Case(int user, int[] history, int target) {
    }

    /** The test split: each test user's last item is held out. */
    public static LeaveLastOut test(Dataset data) {
        return holdOut(data.itemCount(), data.sequences(), 1);
    }

    /** The validation split: test users' second-to-last item held out, their last item dropped altogether. */
    public static LeaveLastOut validation(Dataset data) {
        return holdOut(data.itemCount(), data.sequences(), 2);
    }

    /** The same split with at most {@code max} cases, taken evenly across users (deterministic). */
    public LeaveLastOut sample(int max) {
        if (cases.size() <= max) {
            return this;
        }
        List<Case> kept = new ArrayList<>(max);
        double step = (double) cases.size() / max;
        for (int k = 0; k < max; k++) {
            kept.add(cases.get((int) (k * step)));
        }
        return new LeaveLastOut(itemCount, train, List.copyOf(kept));
    }

    private static LeaveLastOut holdOut(int itemCount, int[][] sequences, int fromEnd) {
        int[][] train = new int[sequences.length][];
        List<Case> cases = new ArrayList<>();
        for (int user = 0; user < sequences.length; user++) {
            int[] sequence = sequences[user];
            if (sequence.length < MIN_INTERACTIONS) {
                train[user] = sequence;
                continue;
            }
            int targetAt = sequence.length - fromEnd;
            train[user] = Arrays.copyOf(sequence, targetAt);
            cases.add(new Case(user, train[user], sequence[targetAt]));
        }
        return new LeaveLastOut(itemCount, train, List.copyOf(cases));
    }
}
