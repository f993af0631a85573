package io.nightshift.cli.referee;

/** The baseline every model must beat: items by their number of training interactions, whatever the query. */
public final class Popularity implements Scorer {

    private final double[] counts;

    private Popularity(double[] counts) {
        this.counts = counts;
    }

    public static Popularity fit(Split split) {
        double[] counts = new double[split.itemCount()];
        for (int user = 0; user < split.userCount(); user++) {
            for (int item : split.history(user)) {
                counts[item]++;
            }
        }
        return new Popularity(counts);
    }

    @Override
    public String name() {
        return "popularity";
    }

    @Override
    public void related(int query, double[] scores) {
        System.arraycopy(counts, 0, scores, 0, counts.length);
    }

    @Override
    public void personal(int[] history, double[] scores) {
        System.arraycopy(counts, 0, scores, 0, counts.length);
    }
}
