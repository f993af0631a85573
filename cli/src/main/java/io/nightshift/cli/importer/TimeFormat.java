package io.nightshift.cli.importer;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * How a CSV column states time: {@code epoch} (seconds, fractions allowed), {@code epoch-ms},
 * {@code iso} (ISO-8601 with or without offset or time of day) or a {@link DateTimeFormatter}
 * pattern such as {@code dd-MM-yyyy}. Times without an offset are UTC; dates without a time of
 * day are midnight, so rows of one day tie (and keep their file order in the evaluation).
 */
public final class TimeFormat {

    private final String spec;
    private final DateTimeFormatter pattern;

    private TimeFormat(String spec, DateTimeFormatter pattern) {
        this.spec = spec;
        this.pattern = pattern;
    }

    public static TimeFormat of(String spec) {
        return switch (spec) {
            case "epoch", "epoch-ms", "iso" -> new TimeFormat(spec, null);
            default -> new TimeFormat(spec, patternOf(spec));
        };
    }

    private static DateTimeFormatter patternOf(String spec) {
        try {
            return DateTimeFormatter.ofPattern(spec, Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--time-format '" + spec + "' is neither epoch, epoch-ms, iso nor a valid "
                    + "java.time pattern (" + e.getMessage() + "); example: --time-format dd-MM-yyyy");
        }
    }

    Instant parse(String raw) {
        String value = Fields.required(raw, "time");
        try {
            return switch (spec) {
                case "epoch" -> epochSeconds(value);
                case "epoch-ms" -> Instant.ofEpochMilli(Long.parseLong(value));
                case "iso" -> iso(value);
                default -> fromPattern(pattern.parse(value));
            };
        } catch (DateTimeException | NumberFormatException | ArithmeticException e) {
            throw new BadLine("time '" + value + "' does not match --time-format " + spec);
        }
    }

    private static Instant epochSeconds(String value) {
        BigDecimal seconds = new BigDecimal(value);
        return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
    }

    private static Instant iso(String value) {
        if (value.length() <= 10) {
            return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(value.replace(' ', 'T'));
        return fromPattern(parsed);
    }

    private static Instant fromPattern(TemporalAccessor parsed) {
        if (parsed.isSupported(ChronoField.INSTANT_SECONDS)) {
            return Instant.from(parsed);
        }
        if (parsed.isSupported(ChronoField.OFFSET_SECONDS) && parsed.isSupported(ChronoField.HOUR_OF_DAY)) {
            return OffsetDateTime.from(parsed).toInstant();
        }
        if (parsed.isSupported(ChronoField.HOUR_OF_DAY)) {
            return LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
        }
        return LocalDate.from(parsed).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    @Override
    public String toString() {
        return spec;
    }
}
