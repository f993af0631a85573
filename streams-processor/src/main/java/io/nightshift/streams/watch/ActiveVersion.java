package io.nightshift.streams.watch;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.nightshift.featurestore.ModelVersions;
import io.nightshift.featurestore.VersionActivation;

import java.util.List;
import java.util.Optional;

/**
 * The model version shoppers are served, read from Redis where the activator switches it:
 * <ul>
 *   <li>{@code nightshift_model_version_active_info{model_version}}: 1 for the active version; no series before the
 *   first activation</li>
 *   <li>{@code nightshift_model_version_activated_timestamp_seconds}: when a version was last activated (a rollback is
 *   not a new version and does not count); NaN before the first activation or while Redis does not answer</li>
 * </ul>
 */
final class ActiveVersion {

    private final ModelVersions versions;
    private final MultiGauge active;
    private volatile double activatedAt = Double.NaN;

    ActiveVersion(ModelVersions versions, MeterRegistry meters) {
        this.versions = versions;
        this.active = MultiGauge.builder("nightshift.model.version.active.info")
                .description("the model version shoppers are served (value 1)").register(meters);
        Gauge.builder("nightshift.model.version.activated", this, version -> version.activatedAt).baseUnit("timestamp_seconds")
                .description("when a model version was last activated (rollbacks excluded), epoch seconds").strongReference(true)
                .register(meters);
    }

    void refresh() {
        try {
            Optional<String> current = versions.activeVersion();
            active.register(current.map(version -> List.of(MultiGauge.Row.of(Tags.of("model_version", version), 1.0))).orElse(List.of()), true);
            activatedAt = versions.activations().stream().filter(entry -> entry.action() == VersionActivation.Action.ACTIVATE)
                    .findFirst().map(entry -> entry.at().toEpochMilli() / 1000.0).orElse(Double.NaN);
        } catch (RuntimeException e) {
            active.register(List.of(), true);
            activatedAt = Double.NaN;
            throw e;
        }
    }
}
