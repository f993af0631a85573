package io.nightshift.onlineapi.admin;

import io.nightshift.onlineapi.system.UnauthorizedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The admin API's bearer token; a missing or wrong token is a 401 problem detail, compared in constant time. */
@Configuration(proxyBeanMethods = false)
class AdminAuth implements WebMvcConfigurer {

    private final byte[] expected;

    AdminAuth(AdminProperties properties) {
        this.expected = properties.token().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                check(request.getHeader(HttpHeaders.AUTHORIZATION));
                return true;
            }
        }).addPathPatterns("/api/v1/admin/**");
    }

    private void check(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new UnauthorizedException("the admin API needs 'Authorization: Bearer <nightshift.admin.token>'");
        }
        byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, given)) {
            throw new UnauthorizedException("the bearer token is not valid for the admin API");
        }
    }
}
