package io.nightshift.cli.command;

import io.nightshift.cli.importer.CsvMapping;
import io.nightshift.cli.importer.ImportFormat;
import io.nightshift.cli.importer.Importer;
import io.nightshift.cli.importer.TimeFormat;
import io.nightshift.schemas.event.EventType;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * How to read a dataset file: the options {@code import} and {@code eval} share (a picocli
 * mixin), so both commands read the same file the same way and produce the same event ids.
 */
final class DatasetOptions {

    @Option(names = "--user", paramLabel = "COLUMN", description = "csv: the user column (header title or 0-based index)")
    String user;

    @Option(names = "--item", paramLabel = "COLUMN", description = "csv: the product column")
    String item;

    @Option(names = "--time", paramLabel = "COLUMN", description = "csv: the time column; without it rows get increasing times in file order")
    String time;

    @Option(names = "--time-format", paramLabel = "FORMAT", defaultValue = "iso",
            description = "csv: epoch, epoch-ms, iso or a java.time pattern such as dd-MM-yyyy (default ${DEFAULT-VALUE})")
    String timeFormat;

    @Option(names = "--type", paramLabel = "COLUMN", description = "csv: a column of event types (view, add_to_cart, purchase, rating)")
    String type;

    @Option(names = "--event-type", paramLabel = "TYPE", defaultValue = "view",
            description = "csv: the event type when there is no --type column (default ${DEFAULT-VALUE})")
    String eventType;

    @Option(names = "--value", paramLabel = "COLUMN", description = "csv: a numeric column (rating, quantity, price)")
    String value;

    @Option(names = "--category", paramLabel = "COLUMN", description = "csv: the product's category column (else 'unknown')")
    String category;

    @Option(names = "--delimiter", paramLabel = "CHAR", defaultValue = ",", description = "csv: field separator, one character or 'tab' (default ${DEFAULT-VALUE})")
    String delimiter;

    @Option(names = "--header", negatable = true,
            description = "csv: whether the first line is a header (default: yes when a column is given by title)")
    Boolean header;

    @Option(names = "--prefix", paramLabel = "TEXT",
            description = "put before user and product ids, e.g. beauty:42 (default: the file name without extension, movielens for that format; '' for none)")
    String prefix;

    Importer importer(String format, Path file) {
        return Importer.of(ImportFormat.of(format), file, mapping(format), prefix);
    }

    private CsvMapping mapping(String format) {
        if (!"csv".equalsIgnoreCase(format)) {
            if (user != null || item != null || time != null || type != null || value != null || category != null || header != null) {
                throw new IllegalArgumentException("--user, --item, --time, --type, --value, --category and --header apply to the csv format only; "
                        + format + " files have a fixed layout");
            }
            return null;
        }
        if (user == null || item == null) {
            throw new IllegalArgumentException("the csv format needs --user and --item (a header title or a 0-based column index), "
                    + "e.g. --user 0 --item 2 --time 1 --time-format dd-MM-yyyy");
        }
        return new CsvMapping(user, item, time, TimeFormat.of(timeFormat), type, value, category, delimiterChar(), header, defaultType());
    }

    private char delimiterChar() {
        String d = switch (delimiter) {
            case "tab", "\\t" -> "\t";
            default -> delimiter;
        };
        if (d.length() != 1) {
            throw new IllegalArgumentException("--delimiter '" + delimiter + "' must be one character (or 'tab')");
        }
        return d.charAt(0);
    }

    private EventType defaultType() {
        EventType parsed;
        try {
            parsed = EventType.fromWire(eventType);
        } catch (IllegalArgumentException e) {
            parsed = null;
        }
        if (parsed == null || !parsed.isInteraction()) {
            throw new IllegalArgumentException("--event-type '" + eventType + "' must be one of view, add_to_cart, purchase, rating");
        }
        return parsed;
    }
}
