package io.nightshift.onlineapi.web;

import io.nightshift.schemas.codec.Violation;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Why a request body could not be read, told in the API's words. Jackson's and Spring's messages
 * name Java types and handler method signatures, so they go to the debug log and the client gets
 * the field (from Jackson's path) and what that field must be (from the target type).
 */
final class UnreadableBody {

    /** The title and the one violation of an unreadable body. */
    record Reason(String title, Violation violation) {
    }

    private UnreadableBody() {
    }

    static Reason explain(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getCause();
        if (cause == null) {
            // Spring's own message names the handler method; all it means is that no body came.
            return new Reason("Missing body", new Violation("$", "a JSON body is required"));
        }
        if (!(cause instanceof JacksonException jackson)) {
            return new Reason("Unreadable JSON", new Violation("$", "the body is not readable JSON"));
        }
        String field = field(jackson);
        return switch (jackson) {
            case UnrecognizedPropertyException unknown -> new Reason("Unknown field",
                    new Violation(field, "is not a field of this request" + known(unknown.getKnownPropertyIds())));
            case InvalidNullException ignored -> new Reason("Invalid value", new Violation(field, "must not be null"));
            case MismatchedInputException mismatch -> new Reason("Invalid value", new Violation(field, expected(mismatch.getTargetType())));
            case StreamReadException malformed -> new Reason("Malformed JSON", new Violation("$", "is not valid JSON" + where(malformed.getLocation())));
            default -> new Reason("Unreadable JSON", new Violation(field, "could not be read"));
        };
    }

    /** What a value of this type looks like in JSON. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "must be a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "must be a decimal integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "must be a number";
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return "must be one of " + java.util.Arrays.stream(constants).map(Object::toString).collect(Collectors.joining(", "));
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "must be an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "must be an object";
        }
        return "has the wrong type";
    }

    private static String field(JacksonException e) {
        StringBuilder field = new StringBuilder("$");
        for (JacksonException.Reference step : e.getPath()) {
            if (step.getPropertyName() != null) {
                field.append('.').append(step.getPropertyName());
            } else if (step.getIndex() >= 0) {
                field.append('[').append(step.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    private static String known(Collection<Object> names) {
        if (names == null || names.isEmpty()) {
            return "";
        }
        return "; known fields: " + names.stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
