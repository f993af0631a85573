package io.nightshift.schemas.access;

import io.nightshift.schemas.topic.TopicSpec;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The access contract of the Kafka cluster: one SASL/SCRAM-SHA-512 principal per application, each
 * allowed exactly what its code does, and an {@link #ADMIN} super user that creates the topics,
 * the users and these ACLs ({@code ./nightshift kafka setup-access}). The applications never
 * create the shared topics in production: they may not, and {@link Topics#createMissing} leaves
 * them to the admin.
 *
 * <p>The names below are the ones the applications use with their default settings; whoever
 * changes a group, application id or transactional id there changes it here:
 * <ul>
 *   <li>online-api: one group per instance and view, {@code online-api-view-<view>-<uuid>}
 *       ({@code KafkaConfiguration}, {@code ReplayBoard});</li>
 *   <li>streams-processor: Kafka Streams application ids {@code nightshift-streams} (the loader) and
 *       {@code nightshift-streams-features[-gN]} (both group and transactional-id prefix under
 *       exactly-once), their internal {@code nightshift-streams-*} topics, the replay-request reader
 *       {@code nightshift-streams-replay-requests}, the event-log sink {@code nightshift-eventlog[-gN]};
 *       a replay deletes the previous generation's groups and internal topics;</li>
 *   <li>laptop: {@code nightshift-laptop-fresh} (shared by all laptops) and
 *       {@code nightshift-laptop-control-<laptop id>}; the sync step assigns partitions without a group.</li>
 * </ul>
 */
public final class KafkaAccess {

    /** The SASL mechanism every principal logs in with. */
    public static final String MECHANISM = "SCRAM-SHA-512";

    /** The super user: creates topics, SCRAM users and ACLs; no application runs as it. */
    public static final String ADMIN = "admin";

    /**
     * Writes what shoppers and the owner do (events, catalog, fresh requests, owner instructions,
     * shoppers' erasures); reads the laptop's heartbeats, the control log and the catalog into its
     * in-memory views, and the tail of every dead-letter topic for the owner's console (without a
     * group: assign and seek).
     */
    public static final KafkaGrant ONLINE_API = new KafkaGrant("online-api", "online-api (cloud)",
            Stream.concat(names(Topics.LAPTOP_HEARTBEAT, Topics.RECO_CONTROL, Topics.SHOP_CATALOG).stream(),
                    Topics.sources().stream().map(topic -> topic.deadLetters().name())).toList(),
            names(Topics.SHOP_EVENTS, Topics.SHOP_CATALOG, Topics.RECO_REQUESTS, Topics.RECO_CONTROL, Topics.SHOP_ERASURES),
            List.of("online-api-view-"), Set.of(AclOperation.READ),
            List.of(), List.of());

    /**
     * Projects events, catalog, results and control into Redis and PostgreSQL, and honours shoppers'
     * erasures in both (reading the erasures without a group); announces activated
     * versions and replay progress on the control topic; keeps the active version's copy on
     * {@code reco.active.v1} and reads it back after a lost Redis; dead-letters what it cannot process
     * (every source's {@code .dlq} but the fresh requests', which it never reads).
     */
    public static final KafkaGrant STREAMS_PROCESSOR = new KafkaGrant("streams-processor", "streams-processor (cloud)",
            names(Topics.SHOP_EVENTS, Topics.SHOP_CATALOG, Topics.RECO_RESULTS, Topics.RECO_ACTIVE, Topics.RECO_CONTROL,
                    Topics.LAPTOP_HEARTBEAT, Topics.SHOP_ERASURES),
            Stream.concat(Stream.of(Topics.RECO_CONTROL.name(), Topics.RECO_ACTIVE.name()),
                    Stream.of(Topics.SHOP_EVENTS, Topics.SHOP_CATALOG, Topics.RECO_RESULTS, Topics.RECO_ACTIVE, Topics.RECO_CONTROL,
                                    Topics.LAPTOP_HEARTBEAT, Topics.SHOP_ERASURES)
                            .map(topic -> topic.deadLetters().name())).toList(),
            List.of("nightshift-streams", "nightshift-eventlog"), Set.of(AclOperation.READ, AclOperation.DELETE),
            List.of("nightshift-streams"), List.of("nightshift-streams-"));

    /**
     * Reads the shop's events, erasures and catalog (the nightly sync), fresh requests and the control log;
     * writes results, run reports and version announcements on control, heartbeats, and the
     * dead letters of the two topics it consumes with a listener. Nothing else: a stolen laptop
     * cannot write shop events, read other parties' groups or create topics.
     */
    public static final KafkaGrant LAPTOP = new KafkaGrant("laptop", "batch-jobs (the laptop)",
            names(Topics.SHOP_EVENTS, Topics.SHOP_CATALOG, Topics.RECO_REQUESTS, Topics.RECO_CONTROL, Topics.SHOP_ERASURES),
            Stream.concat(names(Topics.RECO_RESULTS, Topics.RECO_CONTROL, Topics.LAPTOP_HEARTBEAT).stream(),
                    Stream.of(Topics.RECO_REQUESTS.deadLetters().name(), Topics.RECO_CONTROL.deadLetters().name())).toList(),
            List.of("nightshift-laptop-"), Set.of(AclOperation.READ),
            List.of(), List.of());

    private KafkaAccess() {
    }

    /** The three application principals, in the order the docs list them. */
    public static List<KafkaGrant> grants() {
        return List.of(ONLINE_API, STREAMS_PROCESSOR, LAPTOP);
    }

    /** The grant of a principal, if it is one of the applications'. */
    public static Optional<KafkaGrant> grantOf(String principal) {
        return grants().stream().filter(grant -> grant.principal().equals(principal)).findFirst();
    }

    /** Every ACL of the contract: what a fresh cluster needs besides the super user. */
    public static List<AclBinding> aclBindings() {
        return grants().stream().flatMap(grant -> grant.aclBindings().stream()).toList();
    }

    private static List<String> names(TopicSpec... topics) {
        return Stream.of(topics).map(TopicSpec::name).toList();
    }
}
