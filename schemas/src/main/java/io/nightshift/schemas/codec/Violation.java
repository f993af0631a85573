package io.nightshift.schemas.codec;

/**
 * One reason a payload was refused.
 *
 * @param field   where, as a JSON path such as {@code $.items[2].score} ({@code $} for the whole payload)
 * @param message what is wrong there
 */
public record Violation(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
