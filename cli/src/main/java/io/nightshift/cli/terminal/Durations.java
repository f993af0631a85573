package io.nightshift.cli.terminal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Durations as people write and read them: {@code 90s}, {@code 20m}, {@code 2h}, {@code 1 h 05 min}. */
public final class Durations {

    private Durations() {
    }

    /** {@code 45s}, {@code 20m}, {@code 2h}, {@code 1d}, or ISO-8601 ({@code PT1H30M}); throws with the accepted forms otherwise. */
    public static Duration parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("p")) {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            if (value.matches("\\d+(s|m|h|d)")) {
                long amount = Long.parseLong(value.substring(0, value.length() - 1));
                return switch (value.charAt(value.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            // Not ISO-8601, more digits than a long holds, or more than a Duration holds: the same
            // user mistake as any other, answered below with the forms that work.
        }
        throw new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 90s, 20m, 2h or PT1H30M");
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
