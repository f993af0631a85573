package io.nightshift.cli.importer;

import java.util.List;

/** Turns the lines of one source format into interactions. One instance reads one file, top to bottom. */
interface RowParser {

    /**
     * Sees the first non-blank line before anything else; answers whether it was a header
     * (then it is not parsed as data).
     */
    boolean header(String firstLine);

    /** The interactions of one data line, in file order; throws {@link BadLine} with the reason when it cannot be read. */
    List<SourceRow> parse(String line);
}
