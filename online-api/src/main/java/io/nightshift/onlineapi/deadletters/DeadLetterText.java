package io.nightshift.onlineapi.deadletters;

import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes of a dead letter (key, value, headers) into text a console can show: a dead
 * letter is by definition a record nobody could read, so it may hold control characters, broken
 * UTF-8 or megabytes. Line breaks and tabs become spaces, every other control or separator
 * character the replacement character, and the text is cut at a bound with an ellipsis.
 */
final class DeadLetterText {

    private DeadLetterText() {
    }

    /** Null stays null: a record without a key or a header is not the same as an empty one. */
    static String of(byte[] bytes, int maxCodePoints) {
        if (bytes == null) {
            return null;
        }
        // Decoding replaces malformed input with U+FFFD, so binary values come out as text too.
        return of(new String(bytes, StandardCharsets.UTF_8), maxCodePoints);
    }

    static String of(String text, int maxCodePoints) {
        if (text == null) {
            return null;
        }
        StringBuilder shown = new StringBuilder();
        int[] codePoints = text.codePoints().toArray();
        for (int i = 0; i < codePoints.length; i++) {
            if (i == maxCodePoints) {
                return shown.append('…').toString();
            }
            shown.appendCodePoint(visible(codePoints[i]));
        }
        return shown.toString();
    }

    private static int visible(int codePoint) {
        if (codePoint == '\n' || codePoint == '\r' || codePoint == '\t') {
            return ' ';
        }
        int type = Character.getType(codePoint);
        boolean hidden = type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE;
        return hidden ? '\uFFFD' : codePoint;
    }
}
