package io.nightshift.cli.importer;

/**
 * A line the import skipped.
 *
 * @param line   1-based line number in the source file
 * @param reason what is wrong with it, in words
 * @param text   the line as it was
 */
public record Reject(long line, String reason, String text) {

    /** The rejects file's format: tab-separated, so the original line stays intact at the end. */
    public String toFileLine() {
        return line + "\t" + reason + "\t" + text;
    }

    @Override
    public String toString() {
        return "line " + line + ": " + reason;
    }
}
