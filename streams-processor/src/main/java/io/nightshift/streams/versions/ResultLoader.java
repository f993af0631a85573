package io.nightshift.streams.versions;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.featurestore.VersionStatus;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.result.RecoResult;
import io.nightshift.streams.deadletter.ContractProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stages a batch list under its version, or stores a fresh list; both are idempotent in the store. */
final class ResultLoader extends ContractProcessor<RecoResult> {

    private static final Logger LOG = LoggerFactory.getLogger(ResultLoader.class);

    private final FeatureStore store;

    ResultLoader(FeatureStore store, String deadLetterSink) {
        super(Contract.RECO_RESULT, deadLetterSink);
        this.store = store;
    }

    @Override
    protected void handle(String key, RecoResult result) {
        switch (result.kind()) {
            case BATCH -> stage(result);
            case FRESH -> store.putFreshList(result.productId(), result.modelVersion(), result.items(), result.computedAt());
        }
    }

    private void stage(RecoResult result) {
        if (result.expectedTotal() == null) {
            throw new IllegalArgumentException("batch result " + result.resultId() + " has no expectedTotal: its version could never be counted complete");
        }
        VersionStatus status = store.stageList(result.modelVersion(), result.productId(), result.items(),
                result.computedAt(), result.expectedTotal());
        if (status.complete() && status.loaded() == status.expectedTotal()) {
            LOG.info("model version {} is complete: {} lists loaded", status.modelVersion(), status.loaded());
        }
    }
}
