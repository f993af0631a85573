package io.nightshift.featurestore;

import javax.net.ssl.SSLException;
import java.security.GeneralSecurityException;

/**
 * Redis could not be reached, did not answer within the configured timeout, or refused the login.
 *
 * <p>Callers on the serving path catch it and answer from their last-known-good copy; writers
 * let it fail the current unit of work so that it is retried (the event log is the source of
 * truth, nothing is lost). The message names the address and what to check: the server, the
 * password settings, or the TLS settings.
 */
public class FeatureStoreUnavailableException extends RuntimeException {

    private final String address;

    public FeatureStoreUnavailableException(String address, Throwable cause) {
        this(address, "Redis at " + address + " is unreachable (" + describe(cause) + "); " + hint(cause), cause);
    }

    private FeatureStoreUnavailableException(String address, String message, Throwable cause) {
        super(message, cause);
        this.address = address;
    }

    /** Redis answered but refused the login (NOAUTH, WRONGPASS) or a command (NOPERM, an ACL user without the right). */
    public static FeatureStoreUnavailableException refused(String address, Throwable cause) {
        return new FeatureStoreUnavailableException(address, "Redis at " + address + " refused the login or a command ("
                + describe(cause) + "); check nightshift.redis.username and nightshift.redis.password, and the ACL of that user", cause);
    }

    /** The {@code host:port} that did not answer. */
    public String address() {
        return address;
    }

    private static String hint(Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SSLException || c instanceof GeneralSecurityException) {
                return "check nightshift.redis.tls, nightshift.redis.trust-store and that the host name is the certificate's";
            }
        }
        return "is ./nightshift up running?";
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
