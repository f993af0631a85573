package io.nightshift.cli.importer;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The shop-event contract's absolute bounds, checked per row before upload: a file with one row
 * the API would refuse (a negative value, a date before 1970) loses that row to the rejects
 * file instead of stopping the import at its batch.
 */
final class ContractBounds {

    static final double MAX_VALUE = 1_000_000_000;
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    /** What the contracts refuse in free text: C0 and C1 controls, DEL and the Unicode line separators. */
    private static final Pattern CONTROL = Pattern.compile("[\\u0000-\\u001F\\u007F-\\u009F\\u2028\\u2029]");

    private ContractBounds() {
    }

    /** Why the row cannot become an event, or {@code null} when it can. */
    static String problem(SourceRow row) {
        Double value = row.value();
        if (value != null && !(value >= 0 && value <= MAX_VALUE)) {
            return "value " + value + " is outside the contract's range 0 to 1e9";
        }
        if (row.time().isBefore(EARLIEST) || !row.time().isBefore(LATEST)) {
            return "time " + row.time() + " is outside the contract's range 1970 to 2199";
        }
        return null;
    }

    /** A name with each control character replaced by a space: a tab in a dataset's title must not refuse the product. */
    static String printable(String text) {
        return CONTROL.matcher(text).replaceAll(" ").strip();
    }
}
