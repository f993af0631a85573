package io.nightshift.featurestore;

import io.nightshift.schemas.Tier;
import io.nightshift.schemas.redis.RedisKeys;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.nightshift.featurestore.Arguments.requireId;
import static io.nightshift.featurestore.Arguments.requireVersion;
import static io.nightshift.featurestore.Replies.bytes;
import static io.nightshift.featurestore.Replies.string;

/** {@link ServingControls} as two hashes; the kill-switch layout is defined here alone, the serving reads decode it with {@link #toTiers}. */
final class RedisServingControls implements ServingControls {

    /** The kill-switch value that switches a tier off (the serving scripts are told it). */
    static final String DISABLED = "disabled";
    private static final LuaScript PIN_COHORT = LuaScript.load("pin-cohort.lua");

    private final RedisConnection redis;

    RedisServingControls(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public void setTierDisabled(Tier tier, boolean disabled) {
        Objects.requireNonNull(tier, "tier");
        redis.call(jedis -> disabled
                ? jedis.hset(RedisKeys.killSwitches(), tier.wire(), DISABLED)
                : jedis.hdel(RedisKeys.killSwitches(), tier.wire()));
    }

    @Override
    public Set<Tier> disabledTiers() {
        return toTiers(redis.call(jedis -> jedis.hgetAll(RedisKeys.killSwitches())));
    }

    @Override
    public void pinCohort(String cohort, String modelVersion) {
        requireId(cohort, "cohort");
        requireVersion(modelVersion);
        List<byte[]> keys = List.of(bytes(RedisKeys.versionMeta(modelVersion)), bytes(RedisKeys.cohortPins()));
        List<byte[]> args = List.of(bytes(cohort), bytes(modelVersion));
        Object refusal = redis.run(PIN_COHORT, keys, args);
        if (refusal != null) {
            throw new IllegalArgumentException("cannot pin cohort " + cohort + ": " + string(refusal));
        }
    }

    @Override
    public void unpinCohort(String cohort) {
        requireId(cohort, "cohort");
        redis.call(jedis -> jedis.hdel(RedisKeys.cohortPins(), cohort));
    }

    @Override
    public Map<String, String> cohortPins() {
        return Map.copyOf(redis.call(jedis -> jedis.hgetAll(RedisKeys.cohortPins())));
    }

    /** The tiers a kill-switch hash written by {@link #setTierDisabled} switches off. */
    static Set<Tier> toTiers(Map<String, String> switches) {
        Set<Tier> tiers = EnumSet.noneOf(Tier.class);
        for (Map.Entry<String, String> e : switches.entrySet()) {
            if (!DISABLED.equals(e.getValue())) {
                continue;
            }
            try {
                tiers.add(Tier.fromWire(e.getKey()));
            } catch (IllegalArgumentException unknown) {
                // A tier a newer version added: not ours to honour, not a reason to fail serving.
            }
        }
        return tiers;
    }
}
