package io.nightshift.onlineapi.ingest;

import io.nightshift.onlineapi.kafka.EventLog;
import io.nightshift.onlineapi.web.BadRequestException;
import io.nightshift.onlineapi.web.ProblemHandling;
import io.nightshift.onlineapi.web.Problems;
import io.nightshift.schemas.codec.InvalidPayloadException;
import io.nightshift.schemas.codec.Violation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one-or-many body of the intake endpoints: a JSON object, or an array of at most
 * {@code max}. Each element is validated on its own, so one bad element does not hold back the
 * good ones.
 *
 * <p>Answer: all valid → 202 {@code {accepted, rejected: [], spooled}} ({@code spooled}: Kafka was
 * away, the records wait in the local spool). Any invalid → 400 problem detail
 * with {@code accepted} (how many valid elements were nevertheless written) and
 * {@code rejected: [{index, errors: [{pointer, field, message}]}]}; resending the whole batch is safe
 * because every record carries its unique id.
 */
public final class BatchIntake {

    /** One refused element. */
    public record Rejected(int index, List<Map<String, String>> errors) {
    }

    /**
     * What the validation let through.
     *
     * @param duplicates how many valid elements repeated the id of an earlier one in the same request (written once)
     */
    public record Outcome<T>(List<T> accepted, List<Rejected> rejected, int duplicates) {

        public Outcome(List<T> accepted, List<Rejected> rejected) {
            this(accepted, rejected, 0);
        }

        /** The same outcome with each id kept once (the first): a repeated id is the same record sent twice. */
        public Outcome<T> withoutRepeats(Function<T, ?> id) {
            Set<Object> seen = new HashSet<>();
            List<T> unique = accepted.stream().filter(element -> seen.add(id.apply(element))).toList();
            return new Outcome<>(unique, rejected, duplicates + accepted.size() - unique.size());
        }
    }

    /** The 202 body; {@code accepted} counts distinct records, {@code duplicates} the repeats that were dropped. */
    public record Accepted(int accepted, int duplicates, List<Rejected> rejected, boolean spooled) {
    }

    private BatchIntake() {
    }

    public static List<JsonNode> elements(JsonNode body, int max) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw BadRequestException.of("$", "a JSON object or an array of objects is required");
        }
        if (!body.isArray()) {
            return List.of(body);
        }
        if (body.isEmpty()) {
            throw BadRequestException.of("$", "the array is empty");
        }
        if (body.size() > max) {
            throw BadRequestException.of("$", "at most " + max + " elements per request, got " + body.size());
        }
        List<JsonNode> elements = new ArrayList<>(body.size());
        body.forEach(elements::add);
        return elements;
    }

    public static <T> Outcome<T> validate(List<JsonNode> elements, Function<JsonNode, T> decode) {
        List<T> accepted = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            try {
                accepted.add(decode.apply(elements.get(i)));
            } catch (InvalidPayloadException e) {
                rejected.add(new Rejected(i, errors(e.violations())));
            } catch (BadRequestException e) {
                rejected.add(new Rejected(i, errors(e.violations())));
            }
        }
        return new Outcome<>(List.copyOf(accepted), List.copyOf(rejected));
    }

    public static ResponseEntity<Object> answer(Outcome<?> outcome, boolean single, EventLog.Outcome written) {
        boolean spooled = written == EventLog.Outcome.SPOOLED;
        if (outcome.rejected().isEmpty()) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Accepted(outcome.accepted().size(), outcome.duplicates(), List.of(), spooled));
        }
        List<Violation> flat = outcome.rejected().stream()
                .flatMap(r -> r.errors().stream().map(e -> new Violation(single ? e.get("field") : "[" + r.index() + "]" + e.get("field"), e.get("message"))))
                .toList();
        ProblemDetail problem = ProblemHandling.invalid(single ? "Invalid payload" : outcome.rejected().size() + " of "
                + (outcome.rejected().size() + outcome.accepted().size()) + " elements refused", flat);
        if (!single && problem.getProperties() != null) {
            // For a batch the per-index list below is the structured form; the detail string names index and field.
            problem.getProperties().remove("errors");
        }
        problem.setProperty("accepted", outcome.accepted().size());
        problem.setProperty("duplicates", outcome.duplicates());
        problem.setProperty("rejected", outcome.rejected());
        problem.setProperty("spooled", spooled);
        return ResponseEntity.badRequest().body(problem);
    }

    private static List<Map<String, String>> errors(List<Violation> violations) {
        return Problems.errors(violations);
    }
}
