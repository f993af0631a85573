package io.nightshift.laptop;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
 * @param selection           model families, their search and the evaluation gate
 * @param factors             the factor model trained above the dense limit, and how it is scored
 * @param memory              how much memory one model may take: families that would need more are skipped
 * @param deferral            when heavy work waits (battery, heat)
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
        @DefaultValue Model model,
        @DefaultValue Selection selection,
        @DefaultValue Factors factors,
        @DefaultValue Memory memory,
        @DefaultValue Deferral deferral) {

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
     * @param listSize    how many products each published list holds (long enough that the cloud's
     *                    filters, e.g. what the shopper bought, still leave a full page)
     * @param shrinkage   added to the cosine denominator, so pairs seen by few shoppers score lower
     * @param maxHistory  the most recent products per shopper that count (bounds the pair count)
     * @param chunkSize   products per chunk when scoring and publishing
     * @param userLists   whether each shopper also gets a precomputed "for you" list (from the model
     *                    that wins the personal task); without, the cloud builds it from product lists
     */
    public record Model(
            @DefaultValue("50") int neighbours,
            @DefaultValue("50") int listSize,
            @DefaultValue("10.0") double shrinkage,
            @DefaultValue("200") int maxHistory,
            @DefaultValue("200") int chunkSize,
            @DefaultValue("true") boolean userLists) {

        public Model {
            require(neighbours >= listSize && listSize > 0, "nightshift.laptop.model.neighbours must be >= list-size > 0");
            require(listSize <= 1000, "nightshift.laptop.model.list-size must be at most 1000 (the reco-result schema's limit)");
            require(shrinkage >= 0, "nightshift.laptop.model.shrinkage must not be negative");
            require(maxHistory > 1 && chunkSize > 0, "nightshift.laptop.model.max-history must be > 1 and chunk-size > 0");
        }
    }

    /**
     * @param families      the families selection picks from (popularity, itemknn, seqknn, blend, ials, ease, lowrank-softmax,
     *                      bpr-factors)
     * @param maxDenseItems an upper cap on the catalog for which families build an {@code n x n} matrix, whatever the memory;
     *                      above it selection runs over the families that hold none (item-item as sparse rows, blend,
     *                      popularity, ials, bpr-factors). Each family's memory estimate decides what fits ({@link Memory})
     * @param epochs        passes of the gradient-descent family over the data, and alternations of implicit ALS
     * @param easeLambdas   EASE's λ grid, as multiples of the mean item popularity
     * @param seed          seed of every random choice in training
     * @param budget        no new trial starts after this much selection time
     * @param gateTolerance relative NDCG loss against the active model still accepted (0 = must not be worse)
     * @param minTestUsers  below this many test users the gate has too little evidence and lets the candidate through
     * @param maxValidationUsers at most this many validation users are scored per trial (an even sample)
     */
    public record Selection(
            @DefaultValue({"popularity", "itemknn", "seqknn", "blend", "ials", "ease", "lowrank-softmax", "bpr-factors"})
            List<String> families,
            @DefaultValue("20000") int maxDenseItems,
            @DefaultValue({"8", "32"}) List<Double> easeLambdas,
            @DefaultValue("42") long seed,
            @DefaultValue("10") int epochs,
            @DefaultValue("5m") Duration budget,
            @DefaultValue("0.0") double gateTolerance,
            @DefaultValue("1") int minTestUsers,
            @DefaultValue("5000") int maxValidationUsers) {

        public Selection {
            require(families != null && !families.isEmpty(), "nightshift.laptop.selection.families must name at least one family");
            require(maxDenseItems > 0 && maxDenseItems <= 40_000, "nightshift.laptop.selection.max-dense-items must be in 1..40000");
            require(epochs > 0, "nightshift.laptop.selection.epochs must be positive");
            require(gateTolerance >= 0 && gateTolerance < 1, "nightshift.laptop.selection.gate-tolerance must be in [0, 1)");
            require(maxValidationUsers > 0, "nightshift.laptop.selection.max-validation-users must be positive");
        }
    }

    /**
     * The BPR factor model: item embeddings trained by BPR on DJL. In selection (family {@code bpr-factors}) these are
     * its parameters; as the fallback, when no selected family fits the memory or a catalog above
     * {@code selection.max-dense-items} has no validation split, they are saved as a file in the data folder and
     * scored in blocks by scoreCatalog.
     *
     * @param enabled      false: no fallback factor model (the sparse co-occurrence model takes its place)
     * @param dimensions   factors per item (1 M items x 64 = 256 MB)
     * @param epochs       passes over the interactions
     * @param budget       no new epoch starts after this much training time
     * @param learningRate SGD step size
     * @param l2           weight decay of the rows a step touches
     * @param window       a positive pair is two items at most this many steps apart in a shopper's history
     * @param columnBlock  items per column block when scoring: a block is chunk-size x column-block floats
     */
    public record Factors(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("64") int dimensions,
            @DefaultValue("10") int epochs,
            @DefaultValue("30m") Duration budget,
            @DefaultValue("0.05") double learningRate,
            @DefaultValue("0.0001") double l2,
            @DefaultValue("3") int window,
            @DefaultValue("100000") int columnBlock) {

        public Factors {
            require(dimensions > 0 && dimensions <= 1024, "nightshift.laptop.factors.dimensions must be in 1..1024");
            require(epochs > 0 && window > 0, "nightshift.laptop.factors.epochs and window must be positive");
            require(!budget.isNegative(), "nightshift.laptop.factors.budget must not be negative");
            require(learningRate > 0 && l2 >= 0, "nightshift.laptop.factors.learning-rate must be positive and l2 not negative");
            require(columnBlock > 0, "nightshift.laptop.factors.column-block must be positive");
        }
    }

    /**
     * The memory a model may take. Before a family trains, its peak memory is estimated from the
     * catalog and interaction counts and compared with what the process has free at that moment
     * (heap: {@code Runtime.maxMemory()} minus what is in use; native: the machine's available
     * memory), less the margin; a family that does not fit is skipped and the version's lineage says why.
     *
     * @param heapLimit   the most heap one model may take, whatever is free (unset: what is free)
     * @param nativeLimit the most native (off-heap) memory one model may take (unset: what the machine has available)
     * @param margin      share of the free memory kept back for the rest of the run and the estimates' error
     */
    public record Memory(DataSize heapLimit, DataSize nativeLimit, @DefaultValue("0.25") double margin) {

        public Memory {
            require(margin >= 0 && margin < 1, "nightshift.laptop.memory.margin must be in [0, 1)");
        }

        public long heapLimitBytes() {
            return heapLimit == null ? 0 : heapLimit.toBytes();
        }

        public long nativeLimitBytes() {
            return nativeLimit == null ? 0 : nativeLimit.toBytes();
        }
    }

    /**
     * @param onBattery       whether heavy steps wait while the laptop runs on battery
     * @param maxTemperatureC heavy steps wait while the hottest sensor is above this
     * @param poll            how often the conditions are checked again while waiting
     */
    public record Deferral(
            @DefaultValue("true") boolean onBattery,
            @DefaultValue("85") double maxTemperatureC,
            @DefaultValue("30s") Duration poll) {

        public Deferral {
            require(!poll.isNegative() && !poll.isZero(), "nightshift.laptop.deferral.poll must be positive");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
