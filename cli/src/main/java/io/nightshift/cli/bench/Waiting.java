package io.nightshift.cli.bench;

import java.time.Duration;

/** The short sleeps of the measurements that poll for a result (a loaded version, a caught-up replay). */
final class Waiting {

    private Waiting() {
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
