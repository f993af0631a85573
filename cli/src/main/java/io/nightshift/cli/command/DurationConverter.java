package io.nightshift.cli.command;

import io.nightshift.cli.terminal.Durations;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

/**
 * Every duration option of {@code ./nightshift} ({@code --timeout}, {@code --selection-budget}, ...):
 * {@code 90s}, {@code 10m}, {@code 2h}, {@code 1h30m} or ISO {@code PT10M}. Registered once on the root
 * command for {@link Duration}; picocli puts the option's name in front of the message.
 */
class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        Duration duration;
        try {
            duration = parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new TypeConversionException("'" + value + "' is not a positive duration; write " + Durations.FORMS);
        }
        return duration;
    }

    Duration parse(String value) {
        return Durations.parse(value);
    }

    /**
     * {@code eval --batch-timeout} took whole minutes before it took durations; a bare number
     * still means minutes there, so {@code --batch-timeout 30} keeps working.
     */
    static final class MinutesOrDuration extends DurationConverter {
        @Override
        Duration parse(String value) {
            return value != null && value.trim().matches("\\d{1,9}") ? Duration.ofMinutes(Long.parseLong(value.trim())) : Durations.parse(value);
        }
    }
}
