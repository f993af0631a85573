package io.nightshift.onlineapi.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.security.Principal;

/**
 * Makes the owner's token a principal on {@code /actuator/**}, so that
 * {@code management.endpoint.health.show-details: when-authorized} shows the owner (and the console)
 * where Redis is and how full the spool is, and everyone else only {@code UP}. Actuator asks the
 * servlet request for its principal; this avoids pulling in Spring Security for one header.
 */
@Component
class OwnerOnActuator extends OncePerRequestFilter {

    private static final Principal OWNER = () -> "owner";

    private final OwnerTokens tokens;

    OwnerOnActuator(OwnerTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
        if (tokens.access(request.getHeader(HttpHeaders.AUTHORIZATION)) == OwnerTokens.Access.NONE) {
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public Principal getUserPrincipal() {
                return OWNER;
            }
        }, response);
    }
}
