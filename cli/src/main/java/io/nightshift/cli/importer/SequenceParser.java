package io.nightshift.cli.importer;

import io.nightshift.schemas.event.EventType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One line per user, {@code user item item ...}, items oldest first (the layout of the
 * SASRec/S3-Rec family of datasets). The files carry no times, so each interaction gets one
 * synthetic second after the previous one in the file: order within a user and across the file
 * survives, and the same file always gives the same times.
 */
final class SequenceParser implements RowParser {

    /** Where synthetic time starts; fixed so a re-import produces identical events. */
    static final Instant EPOCH = Instant.parse("2020-01-01T00:00:00Z");

    private static final Pattern BLANKS = Pattern.compile("\\s+");

    private long next;

    @Override
    public boolean header(String firstLine) {
        return false;
    }

    @Override
    public List<SourceRow> parse(String line) {
        String[] fields = BLANKS.split(line.strip());
        if (fields.length < 2) {
            throw new BadLine("a user without items; expected: user item item ...");
        }
        List<SourceRow> rows = new ArrayList<>(fields.length - 1);
        for (int i = 1; i < fields.length; i++) {
            rows.add(new SourceRow(fields[0], fields[i], EPOCH.plus(Duration.ofSeconds(next++)), EventType.VIEW, null, null));
        }
        return rows;
    }
}
