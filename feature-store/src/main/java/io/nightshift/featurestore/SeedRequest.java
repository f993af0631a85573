package io.nightshift.featurestore;

/**
 * Which of a shopper's recent items {@link ServingReads#userRead(String, String, int, String, SeedRequest)}
 * reads lists for, and when: the "for you" composition merges them when the shopper's own list
 * will not fill the answer, and reading them in the same script saves one round trip per item.
 *
 * @param seeds              how many of the newest recent items (0: none)
 * @param whenFewerThan      read them only when the shopper's list holds fewer items than this that the
 *                           shopper has not bought or recently seen (a missing, unreadable or switched-off
 *                           list holds none); {@link Integer#MAX_VALUE} reads them always
 * @param trendingCandidates how many of an item's trending set to read when it has no usable list
 */
public record SeedRequest(int seeds, int whenFewerThan, int trendingCandidates) {

    /** Reads no seeds. */
    public static final SeedRequest NONE = new SeedRequest(0, 0, 0);

    public SeedRequest {
        if (seeds < 0 || trendingCandidates < 0) {
            throw new IllegalArgumentException("seeds and trendingCandidates must not be negative, got " + seeds + " and " + trendingCandidates);
        }
    }
}
