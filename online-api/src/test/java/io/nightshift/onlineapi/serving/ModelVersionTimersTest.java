package io.nightshift.onlineapi.serving;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.nightshift.schemas.Tier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ModelVersionTimersTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ModelVersionTimers timers = new ModelVersionTimers(meters, Duration.ofMillis(1));

    private Set<String> versionsWithSeries() {
        return meters.find("nightshift.reco.latency").timers().stream().map(t -> t.getId().getTag("model_version")).collect(Collectors.toSet());
    }

    @Test
    @DisplayName("an answer without a model is tagged none, one from a model with its version")
    void tagsTheVersion() {
        timers.timer(ServingMetrics.Endpoint.PRODUCT, Tier.TRENDING, null).record(Duration.ofMillis(1));
        timers.timer(ServingMetrics.Endpoint.PRODUCT, Tier.BATCH, "v-20261201").record(Duration.ofMillis(1));

        Timer batch = meters.get("nightshift.reco.latency").tags("endpoint", "product", "tier", "batch", "model_version", "v-20261201").timer();
        assertThat(batch.count()).isEqualTo(1);
        assertThat(meters.get("nightshift.reco.latency").tags("endpoint", "product", "tier", "trending", "model_version", "none").timer().count()).isEqualTo(1);
    }

    @Test
    @DisplayName("a version every night keeps at most the newest eight versions' series, and a version served again comes back")
    void boundsTheVersions() {
        for (int night = 1; night <= 30; night++) {
            timers.timer(ServingMetrics.Endpoint.USER, Tier.BATCH, "v-" + night).record(Duration.ofMillis(1));
        }
        Set<String> versions = versionsWithSeries();
        assertThat(versions).hasSize(ModelVersionTimers.KEPT + 1).contains("none", "v-30", "v-23").doesNotContain("v-22", "v-1");

        timers.timer(ServingMetrics.Endpoint.USER, Tier.BATCH, "v-1").record(Duration.ofMillis(1));
        assertThat(versionsWithSeries()).hasSize(ModelVersionTimers.KEPT + 1).contains("v-1").doesNotContain("v-23");
    }
}
