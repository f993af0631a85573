package io.nightshift.featurestore;

import java.util.Optional;

/**
 * What an activation or a rollback did, read in the same atomic step that did it.
 *
 * <ul>
 *   <li>{@code switched} and no refusal: the pointer moved; {@code active} is the new version,
 *       {@code previous} the one it replaced (the rollback target).</li>
 *   <li>not {@code switched} and no refusal: nothing to do, the version was already active
 *       (a replayed activation request is harmless).</li>
 *   <li>not {@code switched} with a refusal: nothing changed, and the refusal says why in words
 *       meant for the owner (unknown version, loaded 41 of 120 lists, no previous version, …).</li>
 * </ul>
 *
 * @param switched whether the active pointer changed
 * @param active   the active version after the call, or {@code null} when none is active
 * @param previous the previous version after the call, or {@code null} when there is none
 * @param refusal  why nothing changed, when the request was refused
 */
public record ActivationResult(boolean switched, String active, String previous, Optional<String> refusal) {

    /** True when the store said no; {@link #refusal()} then holds the reason. */
    public boolean refused() {
        return refusal.isPresent();
    }
}
