package io.nightshift.onlineapi.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.nightshift.featurestore.CohortCounts;
import io.nightshift.featurestore.ModelVersions;
import io.nightshift.featurestore.ServingControls;
import io.nightshift.onlineapi.serving.Cohorts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The A/B test as the owner follows it: each cohort's weight and share of known users, the version
 * it is served (its pin, else the active one), and its served and clicked answers per UTC day from
 * the streams processor's counts ({@link CohortCounts}).
 */
@RestController
@SecurityRequirement(name = "admin-token")
class CohortBoard {

    /** The days shown: the counts keep a little more ({@code RedisKeys.COHORT_DAYS_TTL}). */
    static final int DAYS = 7;

    /**
     * The A/B view.
     *
     * @param active the active version: what a cohort without a pin, and every anonymous shopper, is served
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Board(String active, LocalDate today, int days, List<Cohort> cohorts) {
    }

    /**
     * One cohort.
     *
     * @param share   its weight over the sum of the weights: the part of known shoppers hashed onto it
     * @param pin     the version it is pinned to, or null
     * @param serves  the version its shoppers get: the pin, else the active version
     * @param week    served and clicked answers over the {@value #DAYS} days, with their click-through rate
     * @param daily   the same per UTC day, newest first
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Cohort(String cohort, int weight, double share, String pin, String serves, Count today, Count week, List<Day> daily) {
    }

    /** Answers served, answers clicked (any click on them) and clicked over served; ctr is null without answers. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Count(long served, long clicked, BigDecimal ctr) {

        static Count of(long served, long clicked) {
            return new Count(served, clicked, served == 0 ? null
                    : BigDecimal.valueOf(clicked).divide(BigDecimal.valueOf(served), 4, RoundingMode.HALF_UP));
        }
    }

    /** One UTC day of a cohort. */
    record Day(LocalDate day, long served, long clicked, BigDecimal ctr) {
    }

    private final Cohorts cohorts;
    private final CohortCounts counts;
    private final ServingControls controls;
    private final ModelVersions versions;
    private final Clock clock = Clock.systemUTC();

    CohortBoard(Cohorts cohorts, CohortCounts counts, ServingControls controls, ModelVersions versions) {
        this.cohorts = cohorts;
        this.counts = counts;
        this.controls = controls;
        this.versions = versions;
    }

    @Operation(summary = "A/B cohorts with their answers and clicks",
            description = "Each cohort of nightshift.serving.cohorts: weight, share of known shoppers, pin, the version it is served, and "
                    + "its served and clicked answers today, over the last " + DAYS + " UTC days and per day, with the click-through "
                    + "rate (clicked answers over served answers, as the analysts' reco_ctr view counts them; HyperLogLog estimates, "
                    + "exact in practice for small numbers). Anonymous shoppers belong to no cohort.")
    @GetMapping("/api/v1/admin/cohorts")
    Board board() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        Map<String, Integer> weights = cohorts.weights();
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        Map<String, List<CohortCounts.DayCount>> perDay = counts.counts(weights.keySet(), today, DAYS);
        Map<String, String> pins = controls.cohortPins();
        String active = versions.activeVersion().orElse(null);
        List<Cohort> rows = weights.entrySet().stream().map(entry -> {
            String name = entry.getKey();
            List<CohortCounts.DayCount> days = perDay.getOrDefault(name, List.of());
            long served = days.stream().mapToLong(CohortCounts.DayCount::served).sum();
            long clicked = days.stream().mapToLong(CohortCounts.DayCount::clicked).sum();
            List<Day> daily = days.stream().map(day -> {
                Count count = Count.of(day.served(), day.clicked());
                return new Day(day.day(), day.served(), day.clicked(), count.ctr());
            }).toList();
            Count todays = days.isEmpty() ? Count.of(0, 0) : Count.of(days.getFirst().served(), days.getFirst().clicked());
            String pin = pins.get(name);
            return new Cohort(name, entry.getValue(), round((double) entry.getValue() / total), pin, pin != null ? pin : active,
                    todays, Count.of(served, clicked), daily);
        }).toList();
        return new Board(active, today, DAYS, rows);
    }

    private static double round(double share) {
        return BigDecimal.valueOf(share).setScale(4, RoundingMode.HALF_UP).doubleValue();
    }
}
