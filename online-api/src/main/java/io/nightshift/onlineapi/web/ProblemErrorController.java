package io.nightshift.onlineapi.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page ({@code /error}, where Tomcat forwards a {@code sendError} or an
 * exception that escaped a filter) answers in the API's problem format instead of Boot's
 * whitelabel page or {@code {timestamp, path}}. The container's message is not shown: it can
 * carry exception texts. Asked for directly, {@code /error} is simply not found.
 */
// The container's error dispatch, not an operation a client calls.
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        ProblemDetail problem = code instanceof Integer status && status >= 400
                ? Problems.of(org.springframework.http.HttpStatusCode.valueOf(status), Problems.title(status), detail(status))
                : Problems.of(HttpStatus.NOT_FOUND, "Not found", "nothing here; the API is described at /v3/api-docs");
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String detail(int status) {
        return switch (status) {
            case 400 -> "the request could not be understood";
            case 404 -> "nothing here; the API is described at /v3/api-docs";
            case 413 -> "the request is too large";
            default -> status >= 500 ? "Unexpected error; see the server log." : "the request was refused";
        };
    }
}
