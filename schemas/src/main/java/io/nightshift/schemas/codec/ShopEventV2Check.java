package io.nightshift.schemas.codec;

import io.nightshift.schemas.event.RecoContext;
import io.nightshift.schemas.event.ShopEvent;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code schemas/shop-event.v2.json} written out by hand: the intake checks hundreds of events per
 * request, and the generic validator walks the schema's keywords for each one at several times
 * the cost of the event's own parsing.
 *
 * <p>It only ever answers "certainly valid": anything it is unsure of (a number read as a big
 * decimal, a date it cannot parse, a string the schema's regular expressions might still accept)
 * is false, and the caller asks the generic validator, which also words the violations. So a bug
 * here can cost speed but never let an invalid event through: {@code ShopEventV2CheckTest} holds
 * it to the schema on valid and invalid examples.
 */
final class ShopEventV2Check implements Predicate<JsonNode> {

    private static final Set<String> TYPES = Set.of("view", "add_to_cart", "purchase", "rating", "reco_served", "reco_clicked");
    private static final Set<String> RECO_TYPES = Set.of("reco_served", "reco_clicked");
    private static final Set<String> TIERS = Set.of("batch", "fresh", "trending", "popular", "last-known-good");
    private static final int ID_MAX = 128;
    private static final int FREE_TEXT_MAX = 2000;
    private static final double VALUE_MAX = 1_000_000_000;
    /** The years the date-time pattern allows, 1970 to 2199; an instant is written in UTC ({@code Z}). */
    private static final Instant FIRST_INSTANT = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant END_INSTANT = Instant.parse("2200-01-01T00:00:00Z");

    @Override
    public boolean test(JsonNode event) {
        if (!event.isObject() || event.size() > 9) {
            return false;
        }
        for (Map.Entry<String, JsonNode> field : event.properties()) {
            JsonNode value = field.getValue();
            boolean ok = switch (field.getKey()) {
                case "eventId" -> isUuid(value);
                case "schemaVersion" -> value.isInt() && value.intValue() == 2;
                case "type" -> value.isString() && TYPES.contains(value.stringValue());
                case "userId", "sessionId", "productId" -> isId(value);
                case "value" -> isValue(value);
                case "occurredAt" -> isDateTime(value);
                case "reco" -> isReco(value);
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return event.has("eventId") && event.has("schemaVersion") && event.has("type") && event.has("productId")
                && event.has("occurredAt") && (event.has("userId") || event.has("sessionId"))
                && (!RECO_TYPES.contains(event.get("type").stringValue()) || event.has("reco"));
    }

    private static boolean isReco(JsonNode reco) {
        if (!reco.isObject()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> field : reco.properties()) {
            JsonNode value = field.getValue();
            boolean ok = switch (field.getKey()) {
                case "requestId" -> isId(value);
                case "tier" -> value.isString() && TIERS.contains(value.stringValue());
                case "modelVersion", "cohort" -> value.isNull() || isFreeText(value);
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return reco.has("requestId") && reco.has("tier");
    }

    /**
     * Whether a record, as the codec would write it, is valid against the same schema: the writer's
     * side of the check, so encoding needs no tree. Same rules, read from the record's fields.
     */
    static boolean conforms(ShopEvent event) {
        Double value = event.value();
        Instant at = event.occurredAt();
        RecoContext reco = event.reco();
        return event.eventId() != null && event.schemaVersion() == 2 && event.type() != null
                && (event.userId() != null || event.sessionId() != null)
                && (event.userId() == null || isId(event.userId())) && (event.sessionId() == null || isId(event.sessionId()))
                && event.productId() != null && isId(event.productId())
                // compare, not >=: -0.0 is left to the validator.
                && (value == null || Double.compare(value, 0.0) >= 0 && value <= VALUE_MAX)
                && at != null && !at.isBefore(FIRST_INSTANT) && at.isBefore(END_INSTANT)
                && (reco != null || !RECO_TYPES.contains(event.type().wire()))
                && (reco == null || reco.requestId() != null && isId(reco.requestId()) && reco.tier() != null
                        && (reco.modelVersion() == null || isFreeText(reco.modelVersion()))
                        && (reco.cohort() == null || isFreeText(reco.cohort())));
    }

    private static boolean isId(JsonNode node) {
        return node.isString() && isId(node.stringValue());
    }

    /** {@code ^[A-Za-z0-9._:@/+-]+$}, 1 to 128 characters (all ASCII, so characters are code points). */
    private static boolean isId(String text) {
        if (text.isEmpty() || text.length() > ID_MAX) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '.' || c == '_' || c == ':' || c == '@' || c == '/' || c == '+' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFreeText(JsonNode node) {
        return node.isString() && isFreeText(node.stringValue());
    }

    /** The free-text pattern every contract shares (no control characters), at most 2000 code points. */
    private static boolean isFreeText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x1F || c >= 0x7F && c <= 0x9F || c == '\u2028' || c == '\u2029') {
                return false;
            }
        }
        return text.codePointCount(0, text.length()) <= FREE_TEXT_MAX;
    }

    /** The eventId pattern: 8-4-4-4-12 hexadecimal digits. */
    private static boolean isUuid(JsonNode node) {
        if (!node.isString()) {
            return false;
        }
        String text = node.stringValue();
        if (text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23
                    ? c == '-'
                    : c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** 0 to 10⁹; only integers and doubles, where a double comparison is exact (a big decimal goes to the validator). */
    private static boolean isValue(JsonNode node) {
        if (node.isInt() || node.isLong()) {
            return node.longValue() >= 0 && node.longValue() <= VALUE_MAX;
        }
        if (node.isDouble()) {
            double value = node.doubleValue();
            return value >= 0 && value <= VALUE_MAX;
        }
        return false;
    }

    /**
     * The date-time pattern (years 1970 to 2199, seconds, optional fraction, Z or an offset), and
     * a real date and time: stricter than the schema, which checks only the pattern, and cheap
     * (no formatter).
     */
    private static boolean isDateTime(JsonNode node) {
        return node.isString() && parseInstant(node.stringValue()) != null;
    }

    /**
     * The instant written in the schema's date-time form ({@code ^(19[7-9]\d|2[01]\d{2})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$})
     * that also names a real day and time, at most nine fraction digits and an offset up to
     * 18 hours; null for anything else.
     */
    static Instant parseInstant(String text) {
        if (text.length() < 20 || !digits(text, 0, 4)) {
            return null;
        }
        if (!(text.charAt(4) == '-' && digits(text, 5, 7) && text.charAt(7) == '-' && digits(text, 8, 10) && text.charAt(10) == 'T'
                && digits(text, 11, 13) && text.charAt(13) == ':' && digits(text, 14, 16) && text.charAt(16) == ':' && digits(text, 17, 19))) {
            return null;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 7);
        int day = number(text, 8, 10);
        int hour = number(text, 11, 13);
        int minute = number(text, 14, 16);
        int second = number(text, 17, 19);
        if (year < 1970 || year > 2199 || month < 1 || month > 12 || day < 1 || day > YearMonth.of(year, month).lengthOfMonth()
                || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int at = 19;
        int nanos = 0;
        if (text.charAt(at) == '.') {
            int start = ++at;
            while (at < text.length() && isDigit(text.charAt(at))) {
                at++;
            }
            if (at == start || at - start > 9 || at == text.length()) {
                return null;
            }
            nanos = number(text, start, at);
            for (int i = at - start; i < 9; i++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (at == text.length() - 1 && text.charAt(at) == 'Z') {
            offsetSeconds = 0;
        } else if (at == text.length() - 6 && (text.charAt(at) == '+' || text.charAt(at) == '-')
                && digits(text, at + 1, at + 3) && text.charAt(at + 3) == ':' && digits(text, at + 4, at + 6)) {
            int hours = number(text, at + 1, at + 3);
            int minutes = number(text, at + 4, at + 6);
            if (hours > 18 || minutes > 59 || hours == 18 && minutes > 0) {
                return null;
            }
            offsetSeconds = (text.charAt(at) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
        } else {
            return null;
        }
        long epochSecond = LocalDate.of(year, month, day).toEpochDay() * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    private static int number(String text, int from, int to) {
        return Integer.parseInt(text, from, to, 10);
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
