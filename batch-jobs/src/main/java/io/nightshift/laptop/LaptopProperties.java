package io.nightshift.laptop;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the laptop is told at start ({@code nightshift.laptop.*}); the defaults run the demo.
 *
 * @param id                  the laptop's id: the heartbeat key and part of its consumer groups
 * @param dataDir             where the local store (interactions, models, Spring Batch job repository) lives
 * @param heartbeatInterval   how often a heartbeat is sent
 * @param consumerGroupPrefix prefix of the Kafka consumer groups (tests make it unique)
 * @param runRequestMaxAge    a run request older than this when it is read is stale and ignored
 * @param scheduleCheck       how often the schedule is checked for a due run
 * @param codeVersion         the build, recorded in each model version's lineage
 * @param sensors             where power and thermal state are read
 * @param model               training and scoring parameters
 */
@ConfigurationProperties("nightshift.laptop")
public record LaptopProperties(
        @DefaultValue("laptop-1") String id,
        @DefaultValue("./.nightshift/laptop") Path dataDir,
        @DefaultValue("5s") Duration heartbeatInterval,
        @DefaultValue("nightshift-laptop") String consumerGroupPrefix,
        @DefaultValue("6h") Duration runRequestMaxAge,
        @DefaultValue("15s") Duration scheduleCheck,
        @DefaultValue("dev") String codeVersion,
        @DefaultValue Sensors sensors,
        @DefaultValue Model model) {

    public LaptopProperties {
        require(id != null && id.matches("[A-Za-z0-9._:@/+-]{1,128}"),
                "nightshift.laptop.id must be 1-128 characters of A-Z a-z 0-9 . _ : @ / + - (it is a Kafka key), got '" + id + "'");
        require(!heartbeatInterval.isNegative() && !heartbeatInterval.isZero(), "nightshift.laptop.heartbeat-interval must be positive");
        require(!scheduleCheck.isNegative() && !scheduleCheck.isZero(), "nightshift.laptop.schedule-check must be positive");
    }

    /** The consumer group of the fresh-request worker: shared by all laptops, so they split the requests. */
    public String freshGroup() {
        return consumerGroupPrefix + "-fresh";
    }

    /** The control listener's group: one per laptop, since every laptop must see every control event. */
    public String controlGroup() {
        return consumerGroupPrefix + "-control-" + id;
    }

    /**
     * @param powerSupplyDir the sysfs power-supply class folder
     * @param thermalDir     the sysfs thermal class folder
     */
    public record Sensors(
            @DefaultValue("/sys/class/power_supply") Path powerSupplyDir,
            @DefaultValue("/sys/class/thermal") Path thermalDir) {
    }

    /**
     * @param neighbours  how many neighbours the model keeps per product
     * @param listSize    how many products each published list holds
     * @param shrinkage   added to the cosine denominator, so pairs seen by few shoppers score lower
     * @param maxHistory  the most recent products per shopper that count (bounds the pair count)
     * @param chunkSize   products per chunk when scoring and publishing
     */
    public record Model(
            @DefaultValue("50") int neighbours,
            @DefaultValue("20") int listSize,
            @DefaultValue("10.0") double shrinkage,
            @DefaultValue("200") int maxHistory,
            @DefaultValue("200") int chunkSize) {

        public Model {
            require(neighbours >= listSize && listSize > 0, "nightshift.laptop.model.neighbours must be >= list-size > 0");
            require(listSize <= 1000, "nightshift.laptop.model.list-size must be at most 1000 (the reco-result schema's limit)");
            require(shrinkage >= 0, "nightshift.laptop.model.shrinkage must not be negative");
            require(maxHistory > 1 && chunkSize > 0, "nightshift.laptop.model.max-history must be > 1 and chunk-size > 0");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
