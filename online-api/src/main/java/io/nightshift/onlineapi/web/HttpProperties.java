package io.nightshift.onlineapi.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.util.List;

/**
 * Limits of the HTTP edge.
 *
 * @param maxRequestSize     the largest request body accepted; more is a 413 (a batch of 500 events fits easily in the default)
 * @param corsAllowedOrigins origins ({@code https://shop.example}) whose pages may call {@code /api/v1/**} from the
 *                           browser; empty (the default): no cross-origin call is allowed, the storefront and console
 *                           are served from the API's own origin
 */
@ConfigurationProperties("nightshift.http")
record HttpProperties(@DefaultValue("1MB") DataSize maxRequestSize, @DefaultValue List<String> corsAllowedOrigins) {

    HttpProperties {
        if (maxRequestSize.toBytes() < 1) {
            throw new IllegalArgumentException("nightshift.http.max-request-size must be positive, got " + maxRequestSize);
        }
        corsAllowedOrigins = corsAllowedOrigins == null ? List.of() : List.copyOf(corsAllowedOrigins);
        for (String origin : corsAllowedOrigins) {
            if (!isOrigin(origin)) {
                throw new IllegalArgumentException("nightshift.http.cors-allowed-origins: '" + origin
                        + "' is not an origin; expected scheme://host[:port] such as https://shop.example (no '*', no path)");
            }
        }
    }

    private static boolean isOrigin(String origin) {
        try {
            URI uri = URI.create(origin);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getQuery() == null && !origin.endsWith("/");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
