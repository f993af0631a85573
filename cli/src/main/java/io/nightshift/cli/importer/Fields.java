package io.nightshift.cli.importer;

import java.time.Instant;

/** Reading single fields of a line, each failure naming the field and the value. */
final class Fields {

    private Fields() {
    }

    static String required(String raw, String field) {
        String value = raw.strip();
        if (value.isEmpty()) {
            throw new BadLine(field + " is empty");
        }
        return value;
    }

    static double number(String raw, String field) {
        String value = required(raw, field);
        try {
            double number = Double.parseDouble(value);
            if (!Double.isFinite(number)) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new BadLine(field + " '" + value + "' is not a number");
        }
    }

    static Instant epochSeconds(String raw, String field) {
        String value = required(raw, field);
        try {
            return Instant.ofEpochSecond(Long.parseLong(value));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw new BadLine(field + " '" + value + "' is not a time in seconds since 1970");
        }
    }
}
