package io.nightshift.featurestore;

import java.util.Objects;

/**
 * One product's whole score in a shop-wide sorted set (popular, a category's trending), or its
 * removal from a category it left: what {@link OnlineFeatures#writeScores} sends many of at once.
 *
 * @param ranking   which sorted set: {@link Ranking#POPULAR} or a category's {@link Ranking#TRENDING}
 * @param category  the trending category; {@code null} for popular
 * @param productId the member
 * @param score     the whole score; ignored by a removal
 * @param remove    whether the product leaves the set instead
 */
public record ScoreWrite(Ranking ranking, String category, String productId, double score, boolean remove) {

    /** The shop-wide sorted sets (rankings) a product's score is kept in. */
    public enum Ranking { POPULAR, TRENDING }

    public ScoreWrite {
        Objects.requireNonNull(ranking, "ranking");
        Arguments.requireId(productId, "productId");
        if (ranking == Ranking.TRENDING) {
            Arguments.requireId(category, "category");
        }
        if (!remove) {
            Arguments.requireFinite(score, ranking.name().toLowerCase(java.util.Locale.ROOT) + " score of " + productId);
        }
    }

    public static ScoreWrite popular(String productId, double score) {
        return new ScoreWrite(Ranking.POPULAR, null, productId, score, false);
    }

    public static ScoreWrite trending(String category, String productId, double score) {
        return new ScoreWrite(Ranking.TRENDING, category, productId, score, false);
    }

    public static ScoreWrite notTrending(String category, String productId) {
        return new ScoreWrite(Ranking.TRENDING, category, productId, 0, true);
    }

    /**
     * Which member of which set it writes: of several writes to one target only the last one
     * matters (a whole score replaces the one before, a removal removes whatever was there).
     */
    public Target target() {
        return new Target(ranking, category, productId);
    }

    /** A member of one sorted set. */
    public record Target(Ranking ranking, String category, String productId) {
    }

    /** A write Redis answered with an error (a key of the wrong type); the others of its batch went through. */
    public record Refused(ScoreWrite write, RuntimeException error) {
    }
}
