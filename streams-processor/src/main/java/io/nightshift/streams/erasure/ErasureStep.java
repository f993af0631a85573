package io.nightshift.streams.erasure;

import io.nightshift.schemas.erasure.Erasure;

/**
 * One store's part of honouring an erasure: removing what the shopper's events up to the request
 * left there. Must be idempotent and leave what came after the request, because the
 * {@link ErasureWatch} applies every erasure again at each start (it cannot tell which ones a
 * stopped process had applied) and again after a failure.
 */
public interface ErasureStep {

    /** The store, for logs. */
    String store();

    /** @throws Exception when the store is away: the watch tries again a little later */
    void apply(Erasure erasure) throws Exception;
}
