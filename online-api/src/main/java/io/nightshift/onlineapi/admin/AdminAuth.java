package io.nightshift.onlineapi.admin;

import io.nightshift.onlineapi.web.ForbiddenException;
import io.nightshift.onlineapi.web.UnauthorizedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The admin API's bearer tokens, compared in constant time: the owner's token may do anything;
 * the optional read token only reads ({@code GET}, {@code HEAD}), a write with it is a 403.
 * A missing or unknown token is a 401.
 */
@Configuration(proxyBeanMethods = false)
class AdminAuth implements WebMvcConfigurer {

    private final byte[] expected;
    private final byte[] readOnly;

    AdminAuth(AdminProperties properties) {
        this.expected = properties.token().getBytes(StandardCharsets.UTF_8);
        this.readOnly = properties.readToken() == null ? null : properties.readToken().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                check(request.getHeader(HttpHeaders.AUTHORIZATION), request.getMethod());
                return true;
            }
        }).addPathPatterns("/api/v1/admin/**");
    }

    private void check(String header, String method) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new UnauthorizedException("the admin API needs 'Authorization: Bearer <nightshift.admin.token>'");
        }
        byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (MessageDigest.isEqual(expected, given)) {
            return;
        }
        if (readOnly == null || !MessageDigest.isEqual(readOnly, given)) {
            throw new UnauthorizedException("the bearer token is not valid for the admin API");
        }
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            throw new ForbiddenException("the read-only token (nightshift.admin.read-token) may not " + method + "; use nightshift.admin.token");
        }
    }
}
