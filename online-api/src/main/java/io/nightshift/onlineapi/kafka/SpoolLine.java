package io.nightshift.onlineapi.kafka;

import io.nightshift.schemas.topic.Topics;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * One spooled record as a line of the spool file: {@code topic TAB base64(key) TAB base64(value)},
 * the value the record's bytes exactly as they were encoded for Kafka. The format outlives a
 * release (a spool may be drained by the next version), so it changes only with a reader for the
 * old one.
 */
record SpoolLine(String topic, String key, byte[] value) {

    /** Only the topics the intake spools; a line naming another was not written by us. */
    private static final Set<String> TOPICS = Set.of(Topics.SHOP_EVENTS.name(), Topics.SHOP_CATALOG.name(), Topics.SHOP_ERASURES.name());

    String format() {
        Base64.Encoder base64 = Base64.getEncoder();
        return topic + '\t' + (key == null ? "" : base64.encodeToString(key.getBytes(StandardCharsets.UTF_8))) + '\t'
                + base64.encodeToString(value) + '\n';
    }

    /**
     * The record on the line, or empty when the line cannot be one of ours: a crash can cut the last
     * line short, and a draining spool must skip it rather than retry it for ever.
     */
    static Optional<SpoolLine> parse(String line) {
        String[] parts = line.split("\t", -1);
        if (parts.length != 3 || !TOPICS.contains(parts[0]) || parts[2].isEmpty()) {
            return Optional.empty();
        }
        try {
            Base64.Decoder base64 = Base64.getDecoder();
            String key = parts[1].isEmpty() ? null : new String(base64.decode(parts[1]), StandardCharsets.UTF_8);
            return Optional.of(new SpoolLine(parts[0], key, base64.decode(parts[2])));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
