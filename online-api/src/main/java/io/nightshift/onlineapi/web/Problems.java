package io.nightshift.onlineapi.web;

import io.nightshift.schemas.codec.Violation;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one error format (RFC 9457) for every path of the API, the container's own errors included:
 * {@code type}, {@code title}, {@code status}, {@code detail}, and where fields are at fault
 * {@code errors: [{pointer, field, message}]}. {@code pointer} is an RFC 6901 JSON Pointer
 * ({@code /items/2/score}; for a path or query parameter, its name: {@code /limit});
 * {@code field} is the older JSONPath-like form ({@code $.items[2].score}) kept for clients that read it.
 */
public final class Problems {

    private static final String TYPES = "https://nightshift.io/problems/";
    private static final Pattern STEP = Pattern.compile("\\[(\\d+)]|\\.([^.\\[]+)|\\$|([^.\\[$]+)");

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(type(status.value()));
        return problem;
    }

    /** The problem type of a status: clients can switch on it without parsing titles. */
    public static URI type(int status) {
        return URI.create(TYPES + switch (status) {
            case 400 -> "invalid-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 413 -> "request-too-large";
            case 414 -> "uri-too-long";
            case 415 -> "unsupported-media-type";
            case 429 -> "too-many-requests";
            case 431 -> "headers-too-large";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal-error" : "client-error";
        });
    }

    /** A title for statuses nobody gave one: the reason phrase. */
    static String title(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "Error " + status : known.getReasonPhrase();
    }

    /** The {@code errors} member. */
    public static List<Map<String, String>> errors(List<Violation> violations) {
        return violations.stream().map(Problems::error).toList();
    }

    public static Map<String, String> error(Violation violation) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("pointer", pointer(violation.field()));
        error.put("field", violation.field());
        error.put("message", violation.message());
        return error;
    }

    /**
     * {@code $.items[2].score} → {@code /items/2/score}, {@code [1]$.eventId} → {@code /1/eventId},
     * {@code limit} → {@code /limit}, {@code $} → {@code ""} (the whole document).
     */
    public static String pointer(String field) {
        StringBuilder pointer = new StringBuilder();
        Matcher step = STEP.matcher(field == null ? "" : field);
        while (step.find()) {
            if (step.group(1) != null) {
                pointer.append('/').append(step.group(1));
            } else if (step.group(2) != null || step.group(3) != null) {
                String name = step.group(2) != null ? step.group(2) : step.group(3);
                pointer.append('/').append(name.replace("~", "~0").replace("/", "~1"));
            }
        }
        return pointer.toString();
    }

    /** The problem as JSON text, for the places that write it before Spring MVC is involved (filters, Tomcat). */
    public static String json(int status, String title, String detail) {
        return "{\"type\":\"" + type(status) + "\",\"title\":" + quote(title) + ",\"status\":" + status
                + ",\"detail\":" + quote(detail) + "}";
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
