package io.nightshift.schemas.topic;

import org.apache.kafka.clients.admin.NewTopic;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A topic and the settings it is created with.
 *
 * @param name       topic name
 * @param partitions partition count
 * @param retention  {@code -1} to keep for ever, otherwise milliseconds
 * @param compacted  whether only the latest record per key is kept
 */
public record TopicSpec(String name, int partitions, long retention, boolean compacted) {

    /** The dead-letter topic for records that this topic's readers could not process: same key, kept for ever. */
    public TopicSpec deadLetters() {
        return new TopicSpec(name + ".dlq", 1, -1, false);
    }

    /** Topic-level configs for an admin client ({@code cleanup.policy}, {@code retention.ms}). */
    public Map<String, String> configs() {
        Map<String, String> configs = new HashMap<>();
        configs.put("cleanup.policy", compacted ? "compact" : "delete");
        configs.put("retention.ms", Long.toString(retention));
        return Map.copyOf(configs);
    }

    /** The admin-client request that creates this topic on a cluster of one broker or more (replication from the broker default). */
    public NewTopic newTopic() {
        return new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(configs());
    }
}
