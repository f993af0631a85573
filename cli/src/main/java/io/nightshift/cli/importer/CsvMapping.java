package io.nightshift.cli.importer;

import io.nightshift.schemas.event.EventType;

import java.util.Objects;
import java.util.stream.Stream;

/**
 * Which CSV columns hold what. Columns are named by their header title or by 0-based index.
 *
 * @param user        the shopper's column (required)
 * @param item        the product's column (required)
 * @param time        the time column, or {@code null}: then rows get increasing synthetic times in file order
 * @param timeFormat  how {@code time} is written
 * @param type        a column holding event types ({@code view}, {@code add_to_cart}, {@code purchase},
 *                    {@code rating}), or {@code null}: then every row is {@code defaultType}
 * @param value       a numeric column (rating, quantity, price), or {@code null}
 * @param category    the product's category column, or {@code null} ({@code unknown} in the catalog)
 * @param delimiter   field separator
 * @param header      whether the first line is a header; {@code null} means: yes exactly when a column is named by title
 * @param defaultType the event type of rows without a type column
 */
public record CsvMapping(String user, String item, String time, TimeFormat timeFormat, String type, String value,
                         String category, char delimiter, Boolean header, EventType defaultType) {

    public CsvMapping {
        if (user == null || item == null) {
            throw new IllegalArgumentException("the csv format needs at least --user and --item (a header title or a 0-based column index)");
        }
        timeFormat = Objects.requireNonNullElse(timeFormat, TimeFormat.of("iso"));
        defaultType = Objects.requireNonNullElse(defaultType, EventType.VIEW);
    }

    /** The common case: user, item and time columns, comma-separated, implicit feedback. */
    public static CsvMapping of(String user, String item, String time, String timeFormat) {
        return new CsvMapping(user, item, time, TimeFormat.of(timeFormat), null, null, null, ',', null, EventType.VIEW);
    }

    boolean hasHeader() {
        if (header != null) {
            return header;
        }
        return Stream.of(user, item, time, type, value, category).filter(Objects::nonNull).anyMatch(c -> !isIndex(c));
    }

    static boolean isIndex(String column) {
        return !column.isEmpty() && column.chars().allMatch(Character::isDigit);
    }
}
