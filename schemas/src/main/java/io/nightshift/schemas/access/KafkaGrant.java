package io.nightshift.schemas.access;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one principal may do on the cluster, and nothing more: the authorizer denies everything
 * that no grant allows ({@code allow.everyone.if.no.acl.found=false}).
 *
 * @param principal               the SASL/SCRAM user name, e.g. {@code laptop} (the ACL principal is {@code User:laptop})
 * @param runs                    which application logs in as this principal
 * @param reads                   topics it consumes (READ, which implies DESCRIBE: offsets, metadata)
 * @param writes                  topics it produces to (WRITE; enough for an idempotent producer)
 * @param groupPrefixes           prefixes of its consumer groups (and Kafka Streams application ids)
 * @param groupOperations         what it may do to those groups: READ to consume and commit, DELETE where old groups are removed
 * @param transactionalIdPrefixes prefixes of its transactional ids (Kafka Streams exactly-once), WRITE and DESCRIBE
 * @param ownTopicPrefixes        prefixes of topics it creates, uses and deletes itself (Kafka Streams' internal topics), ALL
 */
public record KafkaGrant(String principal, String runs, List<String> reads, List<String> writes,
                         List<String> groupPrefixes, Set<AclOperation> groupOperations,
                         List<String> transactionalIdPrefixes, List<String> ownTopicPrefixes) {

    public KafkaGrant {
        if (principal == null || !principal.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("a principal is a lower-case SCRAM user name, got '" + principal + "'");
        }
        reads = List.copyOf(reads);
        writes = List.copyOf(writes);
        groupPrefixes = List.copyOf(groupPrefixes);
        groupOperations = Set.copyOf(groupOperations);
        transactionalIdPrefixes = List.copyOf(transactionalIdPrefixes);
        ownTopicPrefixes = List.copyOf(ownTopicPrefixes);
    }

    /** The principal as the authorizer names it: {@code User:<name>}. */
    public String aclPrincipal() {
        return "User:" + principal;
    }

    /** Whether a consumer group (or Kafka Streams application id) belongs to this principal. */
    public boolean ownsGroup(String groupId) {
        return groupPrefixes.stream().anyMatch(groupId::startsWith);
    }

    /** Every ACL this grant stands for, all ALLOW, from any host. */
    public List<AclBinding> aclBindings() {
        List<AclBinding> bindings = new ArrayList<>();
        reads.forEach(topic -> bindings.add(allow(ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ)));
        writes.forEach(topic -> bindings.add(allow(ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE)));
        for (String prefix : groupPrefixes) {
            groupOperations.stream().sorted()
                    .forEach(operation -> bindings.add(allow(ResourceType.GROUP, prefix, PatternType.PREFIXED, operation)));
        }
        for (String prefix : transactionalIdPrefixes) {
            bindings.add(allow(ResourceType.TRANSACTIONAL_ID, prefix, PatternType.PREFIXED, AclOperation.WRITE));
            bindings.add(allow(ResourceType.TRANSACTIONAL_ID, prefix, PatternType.PREFIXED, AclOperation.DESCRIBE));
        }
        ownTopicPrefixes.forEach(prefix -> bindings.add(allow(ResourceType.TOPIC, prefix, PatternType.PREFIXED, AclOperation.ALL)));
        return List.copyOf(bindings);
    }

    private AclBinding allow(ResourceType type, String name, PatternType pattern, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(aclPrincipal(), "*", operation, AclPermissionType.ALLOW));
    }
}
