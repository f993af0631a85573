package io.nightshift.streams.versions;

import io.nightshift.featurestore.FreshLists;
import io.nightshift.featurestore.ModelVersions;
import io.nightshift.featurestore.VersionStatus;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.result.RecoResult;
import io.nightshift.schemas.result.ResultKind;
import io.nightshift.streams.deadletter.ContractProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stages a batch list (a product's or a shopper's) under its version, or stores a fresh product
 * list; all are idempotent in the store.
 */
final class ResultLoader extends ContractProcessor<RecoResult> {

    private static final Logger LOG = LoggerFactory.getLogger(ResultLoader.class);

    private final ModelVersions versions;
    private final FreshLists freshLists;

    ResultLoader(ModelVersions versions, FreshLists freshLists, String deadLetterSink) {
        super(Contract.RECO_RESULT, deadLetterSink);
        this.versions = versions;
        this.freshLists = freshLists;
    }

    @Override
    protected void handle(String key, RecoResult result) {
        if (result.isForUser()) {
            stageForUser(result);
            return;
        }
        switch (result.kind()) {
            case BATCH -> stage(result);
            case FRESH -> freshLists.putFreshList(result.productId(), result.modelVersion(), result.items(), result.computedAt());
        }
    }

    private void stage(RecoResult result) {
        report(versions.stageList(result.modelVersion(), result.productId(), result.items(),
                result.computedAt(), expectedTotal(result)));
    }

    private void stageForUser(RecoResult result) {
        // The schema only allows batch user lists; this guards against a schema that loosens
        // one day: a fresh per-user list has no key of its own and must not be counted in a version.
        if (result.kind() != ResultKind.BATCH) {
            throw new IllegalArgumentException("result " + result.resultId() + " is a " + result.kind().wire()
                    + " list for user " + result.userId() + ": user lists are batch only");
        }
        report(versions.stageUserList(result.modelVersion(), result.userId(), result.items(),
                result.computedAt(), expectedTotal(result)));
    }

    private static long expectedTotal(RecoResult result) {
        if (result.expectedTotal() == null) {
            throw new IllegalArgumentException("batch result " + result.resultId() + " has no expectedTotal: its version could never be counted complete");
        }
        return result.expectedTotal();
    }

    private static void report(VersionStatus status) {
        if (status.complete() && status.loaded() == status.expectedTotal()) {
            LOG.info("model version {} is complete: {} lists loaded", status.modelVersion(), status.loaded());
        }
    }
}
