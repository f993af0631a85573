package io.nightshift.streams.runtime;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which replay generation the rebuildable projections are at. Generation N reads the topics with
 * consumer groups named {@code <base>-gN} (generation 0: {@code <base>} itself), so a replay is
 * simply "the next generation": new groups start from the beginning of the topics, with empty
 * state, while the old groups are deleted.
 *
 * <p>Nothing stores the number but Kafka: at start the app takes the highest generation among the
 * existing groups. Deleting old groups is best effort, and a leftover older one only lowers nothing.
 */
public final class Generations {

    private Generations() {
    }

    /** The consumer group (or Kafka Streams application id) of a base name in a generation. */
    public static String name(String base, int generation) {
        return generation == 0 ? base : base + "-g" + generation;
    }

    /** The highest generation among the existing groups of the bases, 0 when there is none. */
    public static int discover(Admin admin, String... bases) {
        try {
            Collection<GroupListing> groups = admin.listGroups().all().get(30, TimeUnit.SECONDS);
            int highest = 0;
            for (GroupListing group : groups) {
                highest = Math.max(highest, generationOf(group.groupId(), bases));
            }
            return highest;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing the consumer groups", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot list the consumer groups on Kafka to find the replay generation: " + e, e);
        }
    }

    static int generationOf(String groupId, String... bases) {
        for (String base : bases) {
            Matcher matcher = Pattern.compile(Pattern.quote(base) + "-g(\\d+)").matcher(groupId);
            if (matcher.matches()) {
                return Integer.parseInt(matcher.group(1));
            }
        }
        return 0;
    }
}
