package io.nightshift.cli.terminal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write and read them: {@code 90s}, {@code 20m}, {@code 2h}, {@code 1 h 05 min}. */
public final class Durations {

    private Durations() {
    }

    /** One amount and its unit in a compound duration such as {@code 1h30m}. */
    private static final Pattern PART = Pattern.compile("(\\d+)([dhms])");
    private static final String COMPOUND = "(\\d+d)?(\\d+h)?(\\d+m)?(\\d+s)?";

    /** The forms {@link #parse} accepts, for messages that tell the user what to write. */
    public static final String FORMS = "e.g. 90s, 10m, 2h, 1h30m or PT10M";

    /**
     * {@code 45s}, {@code 20m}, {@code 2h}, {@code 1d}, compounds largest unit first ({@code 1h30m},
     * {@code 2m30s}), or ISO-8601 ({@code PT1H30M}); throws with the accepted forms otherwise.
     */
    public static Duration parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("p")) {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            if (!value.isEmpty() && value.matches(COMPOUND)) {
                Duration total = Duration.ZERO;
                Matcher part = PART.matcher(value);
                while (part.find()) {
                    long amount = Long.parseLong(part.group(1));
                    total = total.plus(switch (part.group(2)) {
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        case "h" -> Duration.ofHours(amount);
                        default -> Duration.ofDays(amount);
                    });
                }
                return total;
            }
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            // Not ISO-8601, more digits than a long holds, or more than a Duration holds: the same
            // user mistake as any other, answered below with the forms that work.
        }
        throw new IllegalArgumentException("'" + text + "' is not a duration; write " + FORMS);
    }

    public static String human(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return duration.toMillis() < 10_000 && duration.toMillis() % 1000 != 0
                    ? String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0) : seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + String.format(Locale.ROOT, "%02d s", seconds % 60);
        }
        return seconds / 3600 + " h " + String.format(Locale.ROOT, "%02d min", seconds % 3600 / 60);
    }
}
