package io.nightshift.cli.importer;

/** A line that cannot be imported; the message is the reason the rejects file shows. */
final class BadLine extends RuntimeException {

    BadLine(String reason) {
        super(reason, null, false, false);
    }
}
