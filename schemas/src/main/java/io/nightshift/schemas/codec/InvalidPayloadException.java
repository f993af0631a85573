package io.nightshift.schemas.codec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A payload that does not satisfy its contract. The message names every offending field, so it
 * can be shown to whoever sent it (an HTTP problem detail, a dead-letter header, a CLI line).
 */
public class InvalidPayloadException extends RuntimeException {

    private final String contract;
    private final List<Violation> violations;

    public InvalidPayloadException(String contract, List<Violation> violations) {
        super(contract + " is invalid: " + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        this.contract = contract;
        this.violations = List.copyOf(violations);
    }

    public String contract() {
        return contract;
    }

    public List<Violation> violations() {
        return violations;
    }
}
