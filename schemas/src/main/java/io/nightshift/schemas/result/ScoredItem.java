package io.nightshift.schemas.result;

/**
 * One recommended product with the model's score (higher is better; scores are comparable only within one list).
 */
public record ScoredItem(String productId, double score) {
}
