package io.nightshift.infra.local.access;

import org.apache.kafka.common.acl.AclBinding;

import java.util.List;

/**
 * What {@link AccessSetup#apply} did.
 *
 * @param usersSet       principals whose SCRAM-SHA-512 credential was set
 * @param aclsCreated    ACLs of the contract that were missing and are now there
 * @param aclsPresent    how many of the contract's ACLs were there already
 * @param aclsBeyond     ACLs of the applications' principals that the contract does not have (kept)
 * @param topicsCreated  topics that were missing and are now there
 * @param topicsPresent  how many of the platform's topics were there already
 */
public record AccessReport(List<String> usersSet, List<AclBinding> aclsCreated, int aclsPresent, List<AclBinding> aclsBeyond,
                           List<String> topicsCreated, int topicsPresent) {

    public AccessReport {
        usersSet = List.copyOf(usersSet);
        aclsCreated = List.copyOf(aclsCreated);
        aclsBeyond = List.copyOf(aclsBeyond);
        topicsCreated = List.copyOf(topicsCreated);
    }
}
