package io.nightshift.schemas.topic;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every topic of the platform. Kafka is the source of truth: the shop's topics are kept for ever
 * (or compacted) so every projection can be rebuilt by replay.
 */
public final class Topics {

    /** Views, carts, purchases, ratings, served and clicked recommendations; keyed by user (or session). */
    public static final TopicSpec SHOP_EVENTS = new TopicSpec("shop.events.v1", 3, -1, false);
    /** Product upserts and deletions; keyed and compacted by product id, so it always holds the whole catalog. */
    public static final TopicSpec SHOP_CATALOG = new TopicSpec("shop.catalog.v1", 3, -1, true);
    /** Fresh computations for the laptop; keyed by product. A week covers a long absence; deadlines are shorter. */
    public static final TopicSpec RECO_REQUESTS = new TopicSpec("reco.requests.v1", 3, Duration.ofDays(7).toMillis(), false);
    /** Computed lists (batch versions and fresh lists); keyed by product. Kept two weeks: longer than a version lives. */
    public static final TopicSpec RECO_RESULTS = new TopicSpec("reco.results.v1", 3, Duration.ofDays(14).toMillis(), false);
    /**
     * The active model version's lists, copied by the streams processor whenever the active version
     * changes; one partition, compacted. Keys {@code <version>/product/<id>} and
     * {@code <version>/user/<id>} hold {@code reco-result} records, the key {@value #ACTIVE_MARKER}
     * a {@code version_activated} control event naming the version the lists belong to. It outlives
     * {@link #RECO_RESULTS}' two weeks, so a lost Redis gets its active version back without the laptop.
     */
    public static final TopicSpec RECO_ACTIVE = new TopicSpec("reco.active.v1", 1, -1, true);
    /** The key of {@link #RECO_ACTIVE}'s marker record: written after the lists it names, so a named version is whole. */
    public static final String ACTIVE_MARKER = "active";
    /** Owner and laptop instructions and reports; one partition so every reader sees one order. */
    public static final TopicSpec RECO_CONTROL = new TopicSpec("reco.control.v1", 1, -1, false);
    /**
     * Shoppers' data erasures ({@code erasure} records); keyed and compacted by user id, so it always
     * holds the latest request of every erased shopper, for ever: every reader of {@link #SHOP_EVENTS}
     * reads it first and skips the events it covers, on every replay too. One partition: readers
     * read it whole.
     */
    public static final TopicSpec SHOP_ERASURES = new TopicSpec("shop.erasures.v1", 1, -1, true);
    /** Laptop liveness; keyed by laptop id. A day is enough to tell the recent story. */
    public static final TopicSpec LAPTOP_HEARTBEAT = new TopicSpec("laptop.heartbeat.v1", 1, Duration.ofDays(1).toMillis(), false);

    private Topics() {
    }

    /** The platform's topics without their dead-letter topics. */
    public static List<TopicSpec> sources() {
        return List.of(SHOP_EVENTS, SHOP_CATALOG, RECO_REQUESTS, RECO_RESULTS, RECO_ACTIVE, RECO_CONTROL, LAPTOP_HEARTBEAT, SHOP_ERASURES);
    }

    /** Every topic, dead-letter topics included: what a fresh cluster needs. */
    public static List<TopicSpec> all() {
        List<TopicSpec> all = new ArrayList<>(sources());
        sources().forEach(topic -> all.add(topic.deadLetters()));
        return List.copyOf(all);
    }

    /**
     * Creates every topic of {@link #all()} that the cluster lacks, with its settings; topics
     * that exist are left as they are. Every application calls this at start, so any of them
     * can be the first to meet a fresh demo cluster.
     *
     * <p>On a cluster with ACLs the applications may not create topics (the admin does, see
     * {@link io.nightshift.schemas.access.KafkaAccess}), and they see only the topics they are
     * allowed to describe: such topics are left to the admin, not an error, so an application
     * starts the same way on both kinds of cluster. A topic another application created a moment
     * earlier is not an error either.
     *
     * @return the topics this principal was not allowed to create (empty on an open cluster)
     */
    public static List<String> createMissing(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<NewTopic> missing = all().stream()
                .filter(topic -> !existing.contains(topic.name()))
                .map(TopicSpec::newTopic)
                .toList();
        if (missing.isEmpty()) {
            return List.of();
        }
        List<String> notAllowed = new ArrayList<>();
        for (Map.Entry<String, KafkaFuture<Void>> created : admin.createTopics(missing).values().entrySet()) {
            try {
                created.getValue().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicAuthorizationException || e.getCause() instanceof ClusterAuthorizationException) {
                    notAllowed.add(created.getKey());
                } else if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        return List.copyOf(notAllowed);
    }
}
