package io.nightshift.featurestore;

import io.nightshift.schemas.result.ScoredItem;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How the roles turn Redis replies (binary strings, flat lists from Lua) into values, and names into bytes. */
final class Replies {

    private static final System.Logger LOG = System.getLogger(Replies.class.getName());

    private Replies() {
    }

    /** A stored list, or empty when absent or unreadable. */
    static Optional<StoredList> decodeList(byte[] encoded, String what, String subject) {
        if (encoded == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ProductListCodec.decode(encoded));
        } catch (IllegalArgumentException e) {
            // A corrupt list must cost one tier for one product or shopper, not the answer.
            LOG.log(System.Logger.Level.WARNING, "ignoring unreadable " + what + " of " + subject + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** A flat {@code member, score, member, score, …} reply; unusable scores are skipped and counted. */
    static List<ScoredItem> scored(List<?> flat, UnreadableValues unreadable) {
        var items = new ArrayList<ScoredItem>(flat.size() / 2);
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            String member = string(flat.get(i));
            Double score = unreadable.finiteOrNull(string(flat.get(i + 1)), "score of " + member);
            if (score != null) {
                items.add(new ScoredItem(member, score));
            }
        }
        return items;
    }

    /** A flat {@code field, value, field, value, …} reply (HGETALL inside Lua). */
    static Map<String, String> pairs(List<?> flat) {
        var map = new HashMap<String, String>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(string(flat.get(i)), string(flat.get(i + 1)));
        }
        return map;
    }

    static List<String> strings(List<?> values) {
        return values.stream().map(Replies::string).toList();
    }

    static String string(Object reply) {
        return reply == null ? null : new String((byte[]) reply, StandardCharsets.UTF_8);
    }

    static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
