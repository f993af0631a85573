package io.nightshift.infra.local.access;

import io.nightshift.schemas.access.KafkaAccess;
import io.nightshift.schemas.access.KafkaGrant;
import io.nightshift.schemas.topic.TopicSpec;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Applies the access contract ({@link KafkaAccess}) to a cluster through an admin connection
 * logged in as the super user: SCRAM users, ACLs, topics. Safe to run again: a password given
 * again replaces the credential with an equal one, ACLs and topics that exist are kept, and
 * nothing is ever deleted (ACLs beyond the contract are reported, for the owner to judge).
 */
public final class AccessSetup {

    /** More than Kafka's minimum of 4096: a leaked credential record is that much slower to guess from. */
    static final int SCRAM_ITERATIONS = 8192;

    private AccessSetup() {
    }

    /**
     * @param passwords the SCRAM password to set per application principal; a principal without
     *                  one keeps the credential it has (or stays without one)
     */
    public static AccessReport apply(Admin admin, Map<String, String> passwords)
            throws InterruptedException, ExecutionException, TimeoutException {
        // Read first: a login that is not a super user fails here, before it tries to change anything.
        Set<AclBinding> present = new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS));
        List<String> users = upsertUsers(admin, passwords);
        List<AclBinding> wanted = KafkaAccess.aclBindings();
        List<AclBinding> missing = wanted.stream().filter(binding -> !present.contains(binding)).toList();
        if (!missing.isEmpty()) {
            admin.createAcls(missing).all().get(30, TimeUnit.SECONDS);
        }
        Set<String> principals = new HashSet<>();
        KafkaAccess.grants().forEach(grant -> principals.add(grant.aclPrincipal()));
        List<AclBinding> beyond = present.stream()
                .filter(binding -> principals.contains(binding.entry().principal()))
                .filter(binding -> !wanted.contains(binding))
                .toList();

        Set<String> before = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        List<String> notAllowed = Topics.createMissing(admin);
        List<String> created = Topics.all().stream().map(TopicSpec::name)
                .filter(name -> !before.contains(name) && !notAllowed.contains(name))
                .toList();
        if (!notAllowed.isEmpty()) {
            throw new IllegalStateException("the admin connection may not create topics " + notAllowed
                    + ": log in as the super user (super.users) in the admin client properties");
        }
        return new AccessReport(users, missing, wanted.size() - missing.size(), beyond, created, Topics.all().size() - created.size());
    }

    private static List<String> upsertUsers(Admin admin, Map<String, String> passwords)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<UserScramCredentialAlteration> upserts = new ArrayList<>();
        List<String> users = new ArrayList<>();
        for (KafkaGrant grant : KafkaAccess.grants()) {
            String password = passwords.get(grant.principal());
            if (password != null) {
                upserts.add(new UserScramCredentialUpsertion(grant.principal(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), password));
                users.add(grant.principal());
            }
        }
        if (!upserts.isEmpty()) {
            admin.alterUserScramCredentials(upserts).all().get(30, TimeUnit.SECONDS);
        }
        return List.copyOf(users);
    }
}
