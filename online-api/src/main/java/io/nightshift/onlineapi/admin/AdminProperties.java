package io.nightshift.onlineapi.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The owner's side.
 *
 * @param token       the bearer token of {@code /api/v1/admin/**}; the demo default must be changed in production
 * @param laptopLate  no heartbeat for this long: the laptop is {@code late}
 * @param laptopOffline no heartbeat for this long: {@code offline}
 * @param runsKept    how many runs the in-memory run board remembers
 * @param readToken   optional second bearer token that may only read ({@code GET}): a write with it is a 403;
 *                    unset, there is no read-only access
 * @param consolePrefill demo only: the console page fills in {@code token} by itself (it is handed to anyone who
 *                       opens the page); off, the owner types the token and the page keeps it for the browser tab only
 */
@ConfigurationProperties("nightshift.admin")
record AdminProperties(
        @DefaultValue("nightshift-demo-token") String token,
        @DefaultValue("15s") Duration laptopLate,
        @DefaultValue("60s") Duration laptopOffline,
        @DefaultValue("100") int runsKept,
        String readToken,
        @DefaultValue("false") boolean consolePrefill) {

    AdminProperties {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("nightshift.admin.token must not be blank: the admin API would be open to anyone");
        }
        if (readToken != null && (readToken.isBlank() || readToken.equals(token))) {
            throw new IllegalArgumentException("nightshift.admin.read-token must be non-blank and differ from nightshift.admin.token");
        }
        if (!laptopOffline.minus(laptopLate).isPositive()) {
            throw new IllegalArgumentException("nightshift.admin.laptop-offline must be longer than laptop-late");
        }
    }
}
