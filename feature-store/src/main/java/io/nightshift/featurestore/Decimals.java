package io.nightshift.featurestore;

import tools.jackson.core.io.NumberInput;

/**
 * Decimal text to {@code double} on the serving path. Every answer reads 60 or so scores that
 * Redis keeps with 17 significant digits (trending and popular sorted sets), and the JDK's
 * {@code Double.parseDouble} takes its slow big-integer path for most of them: it was a fifth of
 * the API's CPU under load. Jackson's bundled fast parser (FastDoubleParser) accepts the same
 * syntax as {@code Double.parseDouble} and returns the same correctly rounded value, several
 * times faster.
 */
final class Decimals {

    private Decimals() {
    }

    /**
     * @throws NumberFormatException as {@link Double#parseDouble} does
     */
    static double parse(String text) {
        return NumberInput.parseDouble(text, true);
    }

    /** The shortest decimal that reads back to the same float, as a double: {@code 0.1f} gives {@code 0.1}. */
    static double shortest(float value) {
        return parse(Float.toString(value));
    }
}
