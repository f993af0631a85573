package io.nightshift.featurestore;

/**
 * Redis could not be reached or did not answer within the configured timeout.
 *
 * <p>Callers on the serving path catch it and answer from their last-known-good copy; writers
 * let it fail the current unit of work so that it is retried (the event log is the source of
 * truth, nothing is lost). The message names the address and what to check.
 */
public class FeatureStoreUnavailableException extends RuntimeException {

    private final String address;

    public FeatureStoreUnavailableException(String address, Throwable cause) {
        super("Redis at " + address + " is unreachable (" + describe(cause) + "); is ./nightshift up running?", cause);
        this.address = address;
    }

    /** The {@code host:port} that did not answer. */
    public String address() {
        return address;
    }

    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }
}
