package io.nightshift.onlineapi.serving;

import io.nightshift.featurestore.CohortCounts;
import io.nightshift.onlineapi.web.BadRequestException;
import io.nightshift.schemas.Tier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The serving path's knobs.
 *
 * @param defaultLimit      items returned when the request names no limit
 * @param maxLimit          the largest limit accepted (more is a 400)
 * @param candidates        the most trending and popular items one snapshot reads (a page of n reads max(n + 20, 3n) of them)
 * @param freshness         per tier wire name, how old a list may be before the answer says {@code stale}
 * @param freshDeadline     how long a fresh request stays worth computing
 * @param cohorts           A/B cohort name to weight; users are hashed onto them stably
 * @param lastKnownGoodSize how many products' answers are kept in memory for when Redis is away
 */
@ConfigurationProperties("nightshift.serving")
record ServingProperties(
        @DefaultValue("10") int defaultLimit,
        @DefaultValue("100") int maxLimit,
        @DefaultValue("100") int candidates,
        Map<String, Duration> freshness,
        @DefaultValue("10m") Duration freshDeadline,
        Map<String, Integer> cohorts,
        @DefaultValue("10000") int lastKnownGoodSize) {

    ServingProperties {
        if (defaultLimit < 1 || maxLimit < defaultLimit) {
            throw new IllegalArgumentException("nightshift.serving: need 1 <= default-limit <= max-limit, got " + defaultLimit + " and " + maxLimit);
        }
        if (candidates < maxLimit) {
            throw new IllegalArgumentException("nightshift.serving.candidates must be at least max-limit (" + maxLimit + ") so fill-up can reach it");
        }
        freshness = freshness == null || freshness.isEmpty()
                ? Map.of("batch", Duration.ofHours(36), "fresh", Duration.ofHours(24))
                : Map.copyOf(freshness);
        cohorts = cohorts == null || cohorts.isEmpty() ? Map.of("a", 50, "b", 50) : Map.copyOf(cohorts);
        if (cohorts.values().stream().anyMatch(w -> w == null || w < 0) || cohorts.values().stream().mapToInt(Integer::intValue).sum() <= 0) {
            throw new IllegalArgumentException("nightshift.serving.cohorts weights must be >= 0 with a positive sum, got " + cohorts);
        }
        cohorts.keySet().stream().filter(name -> !CohortCounts.countable(name)).findFirst().ifPresent(name -> {
            throw new IllegalArgumentException("nightshift.serving.cohorts: the cohort name '" + name + "' must match "
                    + CohortCounts.COHORT.pattern() + " (its answers and clicks are counted under it)");
        });
        if (lastKnownGoodSize < 1) {
            throw new IllegalArgumentException("nightshift.serving.last-known-good-size must be positive");
        }
    }

    /** The limit a request asked for, checked: {@code defaultLimit} when absent, a 400 naming {@code limit} outside 1..maxLimit. */
    int checkedLimit(Integer limit) {
        if (limit == null) {
            return defaultLimit;
        }
        if (limit < 1 || limit > maxLimit) {
            throw BadRequestException.of("limit", "must be between 1 and " + maxLimit + ", was " + limit);
        }
        return limit;
    }

    /**
     * How many trending and popular items one snapshot reads for an answer of {@code limit} items:
     * enough to fill up after filtering (the product itself, purchases, unavailable products),
     * never more than {@code candidates}. Reading all of them for a page of 10 was most of the
     * script's work and of the answer's parsing.
     */
    int candidatesFor(int limit) {
        return Math.min(candidates, Math.max(limit + 20, 3 * limit));
    }

    /** Tier to freshness; tiers without an entry (trending, popular: read live) are never stale. */
    Map<Tier, Duration> freshnessByTier() {
        var byTier = new EnumMap<Tier, Duration>(Tier.class);
        freshness.forEach((wire, age) -> byTier.put(Tier.fromWire(wire), age));
        return byTier;
    }

    /** Sorted by name, so the hash → cohort mapping does not depend on how the config was written. */
    TreeMap<String, Integer> sortedCohorts() {
        return new TreeMap<>(cohorts);
    }
}
