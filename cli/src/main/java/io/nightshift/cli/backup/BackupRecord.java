package io.nightshift.cli.backup;

import java.util.List;

/**
 * One Kafka record in a backup file, one JSON object per line: where it was and everything a
 * consumer sees of it. Keys, values and header values are Base64, because a backup must give back
 * the bytes exactly; a {@code null} value is a tombstone of a compacted topic.
 *
 * @param partition the partition it is written back to
 * @param offset    where it was (for the reader; offsets are not kept by the import)
 * @param timestamp its timestamp in epoch milliseconds, kept by the import
 * @param key       Base64 key, or {@code null}
 * @param value     Base64 value, or {@code null}
 * @param headers   its headers in order
 */
public record BackupRecord(int partition, long offset, long timestamp, String key, String value, List<Header> headers) {

    public BackupRecord {
        headers = headers == null ? List.of() : List.copyOf(headers);
    }

    /** A header: its name and Base64 value ({@code null} for none). */
    public record Header(String name, String value) {
    }
}
