package io.nightshift.cli.importer;

import io.nightshift.schemas.event.EventType;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * MovieLens ratings in any of the three layouts GroupLens ships: the 100K {@code u.data}
 * (tab-separated), the 1M/10M {@code ratings.dat} ({@code ::}) and the {@code ratings.csv} of
 * the larger releases (with a {@code userId,movieId,rating,timestamp} header). The layout is
 * recognised from the first line, so the file name does not matter.
 */
final class MovieLensParser implements RowParser {

    private Pattern separator;
    private String layout;

    @Override
    public boolean header(String firstLine) {
        if (firstLine.contains("::")) {
            use("::", "ratings.dat (::)");
            return false;
        }
        if (firstLine.contains("\t")) {
            use("\t", "u.data (tab-separated)");
            return false;
        }
        if (firstLine.contains(",")) {
            use(",", "ratings.csv");
            return firstLine.trim().toLowerCase().startsWith("userid,");
        }
        throw new IllegalArgumentException("the first line '" + abbreviate(firstLine) + "' is not a MovieLens ratings line; "
                + "expected user item rating timestamp separated by a tab (u.data), :: (ratings.dat) or commas (ratings.csv)");
    }

    private void use(String literal, String name) {
        separator = Pattern.compile(Pattern.quote(literal));
        layout = name;
    }

    @Override
    public List<SourceRow> parse(String line) {
        String[] fields = separator.split(line.strip(), -1);
        if (fields.length != 4) {
            throw new BadLine("expected 4 fields (user, item, rating, timestamp) as in " + layout + ", found " + fields.length);
        }
        String user = Fields.required(fields[0], "user");
        String item = Fields.required(fields[1], "item");
        double rating = Fields.number(fields[2], "rating");
        Instant time = Fields.epochSeconds(fields[3], "timestamp");
        return List.of(new SourceRow(user, item, time, EventType.RATING, rating, null));
    }

    static String abbreviate(String line) {
        return line.length() <= 60 ? line : line.substring(0, 57) + "...";
    }
}
