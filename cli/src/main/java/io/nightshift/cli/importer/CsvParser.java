package io.nightshift.cli.importer;

import io.nightshift.schemas.event.EventType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Delimited text with a column mapping; quotes as in RFC 4180 (a field may not span lines). */
final class CsvParser implements RowParser {

    private final CsvMapping mapping;
    private List<String> titles = List.of();
    private int user;
    private int item;
    private int time = -1;
    private int type = -1;
    private int value = -1;
    private int category = -1;
    private int width;
    private long synthetic;

    CsvParser(CsvMapping mapping) {
        this.mapping = mapping;
    }

    @Override
    public boolean header(String firstLine) {
        boolean header = mapping.hasHeader();
        if (header) {
            try {
                titles = split(firstLine, mapping.delimiter()).stream().map(String::strip).toList();
            } catch (BadLine e) {
                throw new IllegalArgumentException("the header line cannot be read: " + e.getMessage() + "; fix it or use --no-header");
            }
        }
        user = column(mapping.user(), "--user");
        item = column(mapping.item(), "--item");
        time = column(mapping.time(), "--time");
        type = column(mapping.type(), "--type");
        value = column(mapping.value(), "--value");
        category = column(mapping.category(), "--category");
        width = Arrays.stream(new int[]{user, item, time, type, value, category}).max().orElseThrow() + 1;
        return header;
    }

    private int column(String spec, String option) {
        if (spec == null) {
            return -1;
        }
        int byTitle = titles.indexOf(spec);
        if (byTitle >= 0) {
            return byTitle;
        }
        if (CsvMapping.isIndex(spec)) {
            return Integer.parseInt(spec);
        }
        if (titles.isEmpty()) {
            throw new IllegalArgumentException(option + " '" + spec + "' names a column but the file is read without a header; "
                    + "use a 0-based index or --header");
        }
        throw new IllegalArgumentException(option + " '" + spec + "' is not a column of the header " + titles
                + "; use one of those titles or a 0-based index");
    }

    @Override
    public List<SourceRow> parse(String line) {
        List<String> fields = split(line, mapping.delimiter());
        if (fields.size() < width) {
            throw new BadLine("expected at least " + width + " fields separated by '" + printable(mapping.delimiter())
                    + "', found " + fields.size());
        }
        String userId = Fields.required(fields.get(user), "user");
        String itemId = Fields.required(fields.get(item), "item");
        Instant at = time < 0 ? SequenceParser.EPOCH.plus(Duration.ofSeconds(synthetic++)) : mapping.timeFormat().parse(fields.get(time));
        EventType eventType = type < 0 ? mapping.defaultType() : eventType(fields.get(type));
        Double number = value < 0 || fields.get(value).isBlank() ? null : Fields.number(fields.get(value), "value");
        if (eventType == EventType.RATING && number == null) {
            throw new BadLine("a rating without a value");
        }
        String categoryName = category < 0 || fields.get(category).isBlank() ? null : fields.get(category).strip();
        return List.of(new SourceRow(userId, itemId, at, eventType, number, categoryName));
    }

    private static EventType eventType(String raw) {
        String wire = Fields.required(raw, "type").toLowerCase();
        try {
            EventType parsed = EventType.fromWire(wire);
            if (parsed.isInteraction()) {
                return parsed;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new BadLine("type '" + wire + "' is not one of view, add_to_cart, purchase, rating");
    }

    static List<String> split(String line, char delimiter) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c != '"') {
                    field.append(c);
                } else if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new BadLine("a quoted field is not closed on this line");
        }
        fields.add(field.toString());
        return fields;
    }

    private static String printable(char delimiter) {
        return delimiter == '\t' ? "\\t" : String.valueOf(delimiter);
    }
}
