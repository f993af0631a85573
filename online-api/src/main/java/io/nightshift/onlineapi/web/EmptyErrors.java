package io.nightshift.onlineapi.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * The last net under the one error format: an error status set with no body at all (actuator's
 * 404 for an unknown metric, a {@code ResponseEntity.notFound().build()}) gets a problem body
 * instead of nothing. Answers that wrote a body of their own (a DOWN health with its 503) are
 * left alone, and so are {@code HEAD} requests.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class EmptyErrors extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
        if ("HEAD".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        Watched watched = new Watched(response);
        chain.doFilter(request, watched);
        int status = response.getStatus();
        if (status >= 400 && !watched.bodyStarted && !response.isCommitted() && !request.isAsyncStarted()) {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(Problems.json(status, Problems.title(status), status == 404
                    ? "nothing here; the API is described at /v3/api-docs" : "the request was refused"));
        }
    }

    /** Notes whether anyone started a body, and keeps a body-less error uncommitted so a problem can still be written. */
    private static final class Watched extends HttpServletResponseWrapper {

        private boolean bodyStarted;

        Watched(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            bodyStarted = true;
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            bodyStarted = true;
            return super.getWriter();
        }

        @Override
        public void flushBuffer() throws IOException {
            if (bodyStarted || getStatus() < 400) {
                super.flushBuffer();
            }
        }
    }
}
