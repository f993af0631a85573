package io.nightshift.onlineapi.web;

import io.nightshift.schemas.codec.Violation;

import java.util.List;

/** A request the API refuses with 400; the problem detail lists every offending field. */
public class BadRequestException extends RuntimeException {

    private final List<Violation> violations;

    public BadRequestException(List<Violation> violations) {
        super(violations.stream().map(Violation::toString).reduce((a, b) -> a + "; " + b).orElse("bad request"));
        this.violations = List.copyOf(violations);
    }

    public static BadRequestException of(String field, String message) {
        return new BadRequestException(List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
