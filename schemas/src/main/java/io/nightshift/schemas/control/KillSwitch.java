package io.nightshift.schemas.control;

import io.nightshift.schemas.Tier;

/** A serving tier switched off (skipped by the fallback chain) or back on. */
public record KillSwitch(Tier tier, boolean disabled) {
}
