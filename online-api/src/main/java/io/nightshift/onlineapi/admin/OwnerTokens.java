package io.nightshift.onlineapi.admin;

import io.nightshift.onlineapi.web.Secret;
import org.springframework.stereotype.Component;

/**
 * The owner's bearer tokens ({@code nightshift.admin.token} and the optional read token), held as
 * {@link Secret}s so that every comparison takes the same time whatever is sent.
 */
@Component
public class OwnerTokens {

    /** What an {@code Authorization} header proves. */
    public enum Access { NONE, READ, FULL }

    private final Secret token;
    private final Secret readToken;

    OwnerTokens(AdminProperties properties) {
        this.token = Secret.of(properties.token());
        this.readToken = properties.readToken() == null ? null : Secret.of(properties.readToken());
    }

    /** The access an {@code Authorization: Bearer …} header value grants; anything else grants none. */
    public Access access(String authorization) {
        String given = bearer(authorization);
        if (given == null) {
            return Access.NONE;
        }
        boolean full = token.matches(given);
        boolean read = readToken != null && readToken.matches(given);
        return full ? Access.FULL : read ? Access.READ : Access.NONE;
    }

    /** The credential of an {@code Authorization: Bearer …} value, or null when the header is absent or another scheme. */
    public static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }

    static boolean present(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    }
}
