package io.nightshift.cli.importer;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The set of events seen so far, for counting duplicates without keeping the events: each is
 * remembered as a 64-bit fingerprint (half an MD5) in an open-addressing table, 8 to 16 bytes per
 * event instead of a hundred as strings, so a 10-million-line file fits in the CLI's heap. Two
 * different events share a fingerprint with a chance of about n²/2⁶⁵ (10⁻⁶ for ten million):
 * good enough for a count that is only reported.
 */
final class Fingerprints {

    private long[] slots = new long[1 << 16];
    private int size;

    /** Adds the key; answers whether it was new. */
    boolean add(String key) {
        long fingerprint = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
        if (fingerprint == 0) {
            fingerprint = 1; // 0 marks an empty slot
        }
        if (size * 2 >= slots.length) {
            grow();
        }
        boolean added = insert(slots, fingerprint);
        if (added) {
            size++;
        }
        return added;
    }

    private static boolean insert(long[] table, long fingerprint) {
        int mask = table.length - 1;
        for (int i = (int) (fingerprint ^ (fingerprint >>> 32)) & mask; ; i = (i + 1) & mask) {
            if (table[i] == fingerprint) {
                return false;
            }
            if (table[i] == 0) {
                table[i] = fingerprint;
                return true;
            }
        }
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        for (long fingerprint : old) {
            if (fingerprint != 0) {
                insert(slots, fingerprint);
            }
        }
    }
}
