package io.nightshift.featurestore;

import java.util.Optional;

/** CONTRACT STUB: what an activation or rollback did: the now-active version, the previous one, or why it refused. */
public record ActivationResult(boolean switched, String active, String previous, Optional<String> refusal) {
}
