package io.nightshift.onlineapi.catalog;

import io.nightshift.onlineapi.admin.OwnerTokens;
import io.nightshift.onlineapi.web.Secret;
import io.nightshift.onlineapi.web.UnauthorizedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;
import java.util.Set;

/**
 * Catalog writes carry the shop backend's key ({@code nightshift.catalog.api-keys}) in
 * {@value #HEADER} or as {@code Authorization: Bearer}; the owner's admin token may write too
 * (the owner can already switch every tier off, and fixing one product from the console should not
 * need a second secret). A shopper's data erasure ({@code DELETE /api/v1/users/{userId}}) takes
 * the same credentials: the shop's backend knows its customers, and the owner answers their
 * e-mails. Reads of products and recommendations stay public. Checked before the body is read, so a
 * stranger's megabyte costs nothing; every key is compared, in constant time, on every request.
 */
@Configuration(proxyBeanMethods = false)
class CatalogWriteAuth implements WebMvcConfigurer {

    static final String HEADER = "X-Api-Key";
    private static final String REALM = "nightshift-catalog";
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final List<Secret> keys;
    private final OwnerTokens owner;

    CatalogWriteAuth(CatalogProperties properties, OwnerTokens owner) {
        this.keys = properties.apiKeys().stream().map(Secret::of).toList();
        this.owner = owner;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (!READS.contains(request.getMethod())) {
                    check(request.getHeader(HEADER), request.getHeader(HttpHeaders.AUTHORIZATION));
                }
                return true;
            }
        }).addPathPatterns("/api/v1/products/**", "/api/v1/catalog", "/api/v1/catalog/**", "/api/v1/users/*");
    }

    private void check(String apiKey, String authorization) {
        String given = apiKey != null ? apiKey.trim() : OwnerTokens.bearer(authorization);
        if (given == null || given.isEmpty()) {
            throw new UnauthorizedException(REALM, "catalog writes and erasures need the shop backend's key: header '" + HEADER
                    + ": <one of nightshift.catalog.api-keys>' or 'Authorization: Bearer <key>'");
        }
        boolean valid = false;
        for (Secret key : keys) {
            // No early exit: the answer takes as long for the first key as for the last.
            valid |= key.matches(given);
        }
        valid |= apiKey == null && owner.access(authorization) == OwnerTokens.Access.FULL;
        if (!valid) {
            throw new UnauthorizedException(REALM, "the key is not valid for catalog writes and erasures");
        }
    }
}
