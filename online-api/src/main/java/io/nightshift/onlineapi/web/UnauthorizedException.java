package io.nightshift.onlineapi.web;

/**
 * No credential, or one that is not valid here: a 401 problem detail with a
 * {@code WWW-Authenticate} challenge naming the realm, answered by {@code ProblemHandling}.
 */
public class UnauthorizedException extends RuntimeException {

    private final String realm;

    public UnauthorizedException(String message) {
        this("nightshift-admin", message);
    }

    public UnauthorizedException(String realm, String message) {
        super(message);
        this.realm = realm;
    }

    /** The {@code WWW-Authenticate} value. */
    String challenge() {
        return "Bearer realm=\"" + realm + "\"";
    }
}
