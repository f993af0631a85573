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

/**
 * The admin API's bearer tokens: the owner's token may do anything; the optional read token only
 * reads ({@code GET}, {@code HEAD}), a write with it is a 403. A missing or unknown token is a 401.
 */
@Configuration(proxyBeanMethods = false)
class AdminAuth implements WebMvcConfigurer {

    private final OwnerTokens tokens;

    AdminAuth(OwnerTokens tokens) {
        this.tokens = tokens;
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
        switch (tokens.access(header)) {
            case FULL -> {
            }
            case READ -> {
                if (!"GET".equals(method) && !"HEAD".equals(method)) {
                    throw new ForbiddenException("the read-only token (nightshift.admin.read-token) may not " + method + "; use nightshift.admin.token");
                }
            }
            case NONE -> throw new UnauthorizedException(OwnerTokens.present(header)
                    ? "the bearer token is not valid for the admin API"
                    : "the admin API needs 'Authorization: Bearer <nightshift.admin.token>'");
        }
    }
}
