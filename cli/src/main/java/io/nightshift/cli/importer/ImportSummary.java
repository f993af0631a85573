package io.nightshift.cli.importer;

/**
 * What one read of a source file found.
 *
 * @param read       data lines read (blank lines and the header not counted)
 * @param imported   events produced (a sequences line gives several)
 * @param rejected   lines skipped, each in the rejects
 * @param duplicates events with the same user, item, time and type as an earlier one; they are
 *                   imported all the same (a basket file lists one row per unit bought), this
 *                   count only tells you they are there
 * @param users      distinct users
 * @param items      distinct items, which is also the catalog size
 */
public record ImportSummary(long read, long imported, long rejected, long duplicates, int users, int items) {

    public String describe() {
        return String.format("read %,d lines, imported %,d events (%,d users, %,d items), rejected %,d, duplicates %,d",
                read, imported, users, items, rejected, duplicates);
    }
}
