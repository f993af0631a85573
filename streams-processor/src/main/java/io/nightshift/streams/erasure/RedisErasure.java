package io.nightshift.streams.erasure;

import io.nightshift.featurestore.OnlineFeatures;
import io.nightshift.schemas.erasure.Erasure;

/** The shopper's recent items and purchases up to the request, and their "for you" lists of every version, leave Redis. */
final class RedisErasure implements ErasureStep {

    private final OnlineFeatures features;

    RedisErasure(OnlineFeatures features) {
        this.features = features;
    }

    @Override
    public String store() {
        return "redis";
    }

    @Override
    public void apply(Erasure erasure) {
        features.forgetShopper(erasure.userId(), erasure.requestedAt());
    }
}
