package io.nightshift.onlineapi.web;

import io.nightshift.onlineapi.kafka.KafkaUnavailableException;
import io.nightshift.schemas.codec.InvalidPayloadException;
import io.nightshift.schemas.codec.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.List;

/**
 * Every error of Spring MVC as an RFC 9457 problem detail in the shape {@link Problems} describes.
 * Bad input names the offending fields in {@code errors}; no message of a library (Jackson, Spring)
 * is passed through as it is, because those name Java classes and methods: the client gets what is
 * wrong where, the log gets the rest.
 */
@RestControllerAdvice
public class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<Object> badRequest(BadRequestException e) {
        return answer(invalid("Invalid request", e.violations()), new HttpHeaders());
    }

    @ExceptionHandler(InvalidPayloadException.class)
    ResponseEntity<Object> invalidPayload(InvalidPayloadException e) {
        return answer(invalid("Invalid " + e.contract(), e.violations()), new HttpHeaders());
    }

    @ExceptionHandler(UnauthorizedException.class)
    ResponseEntity<Object> unauthorized(UnauthorizedException e) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, e.challenge());
        return answer(Problems.of(HttpStatus.UNAUTHORIZED, "Unauthorized", e.getMessage()), headers);
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<Object> forbidden(ForbiddenException e) {
        return answer(Problems.of(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage()), new HttpHeaders());
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<Object> tooLarge(PayloadTooLargeException e) {
        return answer(Problems.of(HttpStatus.CONTENT_TOO_LARGE, "Request too large", e.getMessage()), new HttpHeaders());
    }

    @ExceptionHandler(KafkaUnavailableException.class)
    ResponseEntity<Object> kafkaUnavailable(KafkaUnavailableException e) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds()));
        return answer(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Event log unavailable", e.getMessage()), headers);
    }

    @ExceptionHandler(TooManyRequestsException.class)
    ResponseEntity<Object> tooManyRequests(TooManyRequestsException e) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (e.retryAfter().toMillis() + 999) / 1000)));
        return answer(Problems.of(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", e.getMessage()), headers);
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<Object> conflict(ConflictException e) {
        return answer(Problems.of(HttpStatus.CONFLICT, "Refused", e.getMessage()), new HttpHeaders());
    }

    @ExceptionHandler(io.nightshift.featurestore.FeatureStoreUnavailableException.class)
    ResponseEntity<Object> redisUnavailable(RuntimeException e) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "5");
        return answer(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Feature store unavailable", e.getMessage()), headers);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("unexpected error", e);
        return answer(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "Unexpected error; see the server log."), new HttpHeaders());
    }

    /** Malformed JSON, unknown fields, wrong types, no body: the client's fault, so 400 naming the field. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Throwable cause = ex;
        while (cause != null) {
            if (cause instanceof PayloadTooLargeException tooLarge) {
                return tooLarge(tooLarge);
            }
            cause = cause.getCause();
        }
        log.debug("unreadable request body", ex);
        UnreadableBody.Reason reason = UnreadableBody.explain(ex);
        return answer(invalid(reason.title(), List.of(reason.violation())), headers);
    }

    /** {@code limit=abc} or {@code limit=0x10}: the parameter is named, the converter's message is not passed on. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : ex.getPropertyName();
        String field = name == null ? "$" : name;
        return answer(invalid("Invalid request", List.of(new Violation(field, UnreadableBody.expected(ex.getRequiredType())))), headers);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        return notFound(headers);
    }

    @Override
    protected ResponseEntity<Object> handleNoHandlerFoundException(NoHandlerFoundException ex, HttpHeaders headers,
                                                                   HttpStatusCode status, WebRequest request) {
        return notFound(headers);
    }

    private static ResponseEntity<Object> notFound(HttpHeaders headers) {
        return answer(Problems.of(HttpStatus.NOT_FOUND, "Not found", "nothing here; the API is described at /v3/api-docs"), headers);
    }

    /** Spring's own problems (405, 406, 415, …) get a type and the problem media type whatever the client accepts. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            ProblemTypes.complete(problem);
            return answer(problem, headers);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    /**
     * The answer with its media type set: a problem is {@code application/problem+json} even when the
     * client accepts only something else (the 406 itself included), rather than an empty body.
     */
    private static ResponseEntity<Object> answer(ProblemDetail problem, HttpHeaders headers) {
        HttpHeaders all = new HttpHeaders();
        all.putAll(headers);
        all.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(problem.getStatus()).headers(all).body(problem);
    }

    public static ProblemDetail invalid(String title, List<Violation> violations) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, title,
                violations.stream().map(Violation::toString).reduce((a, b) -> a + "; " + b).orElse(title));
        problem.setProperty("errors", Problems.errors(violations));
        return problem;
    }
}
