package io.nightshift.onlineapi.admin;

import io.nightshift.onlineapi.web.Problems;
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
 *
 * <p>The metrics ({@code /actuator/prometheus}, {@code /actuator/metrics}) need a token: they name the
 * laptop, its device and the model versions, which are the owner's business. Prometheus scrapes with
 * the read-only token ({@code nightshift.admin.read-token}) where one is set, else the admin token,
 * as {@code Authorization: Bearer}; anyone else gets a 401.
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
            if (metrics(request.getRequestURI())) {
                refuse(response, OwnerTokens.present(request.getHeader(HttpHeaders.AUTHORIZATION)));
                return;
            }
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

    private static boolean metrics(String uri) {
        return uri.equals("/actuator/prometheus") || uri.equals("/actuator/metrics") || uri.startsWith("/actuator/metrics/");
    }

    private static void refuse(HttpServletResponse response, boolean tokenGiven) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"nightshift-admin\"");
        response.setContentType("application/problem+json");
        response.getWriter().write(Problems.json(401, "Unauthorized", tokenGiven
                ? "the bearer token is not valid for the metrics"
                : "the metrics need 'Authorization: Bearer <nightshift.admin.read-token or nightshift.admin.token>'"));
    }
}
