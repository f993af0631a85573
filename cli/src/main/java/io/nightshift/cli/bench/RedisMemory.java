package io.nightshift.cli.bench;

import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractSerde;
import io.nightshift.schemas.redis.RedisKeys;
import io.nightshift.schemas.result.RecoResult;
import io.nightshift.schemas.result.ResultKind;
import io.nightshift.schemas.result.ScoredItem;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Redis memory of precomputed lists as the real loader writes them: whole model versions of
 * product lists go to {@code reco.results.v1} like the laptop's, the streams processor stages
 * them under {@link RedisKeys#versionList}, and Redis itself says what they take
 * ({@code MEMORY USAGE} per list key, {@code INFO memory}'s used_memory before and after the
 * version). The versions are staged only, never activated: serving is untouched.
 */
public final class RedisMemory {

    /** A sample of list keys is enough: every list of a version has the same shape. */
    private static final int SAMPLE = 200;

    private final String kafka;
    private final HostAndPort redis;

    public RedisMemory(String kafka, HostAndPort redis) {
        this.kafka = kafka;
        this.redis = redis;
    }

    /**
     * @param length     items per list (the 20 and 50)
     * @param products   lists in the version, one per product {@code p-0001} upwards
     * @param listBytes  mean {@code MEMORY USAGE} of a sample of the version's list keys
     * @param perProduct used_memory growth of the whole version divided by its lists
     */
    public record Result(int length, int products, double listBytes, double perProduct) {
    }

    /** Loads a version of {@code products} lists of {@code length} items and measures it; waits at most {@code timeout}. */
    public Result measure(int length, int products, Duration timeout) {
        String version = "v" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC).format(Instant.now())
                + "%02d".formatted(length % 100); // as long as the laptop's vYYYYMMDD-HHMMSS: the key length counts too
        try (JedisPooled jedis = new JedisPooled(redis.getHost(), redis.getPort())) {
            long before = usedMemory(jedis);
            produce(version, length, products);
            awaitLoaded(jedis, version, products, timeout);
            long after = usedMemory(jedis);
            double sampled = 0;
            int sample = Math.min(SAMPLE, products);
            for (int i = 0; i < sample; i++) {
                String product = productId(1 + i * (products / sample));
                Long usage = jedis.memoryUsage(RedisKeys.versionList(version, product));
                if (usage == null) {
                    throw new IllegalStateException("the list of " + product + " in " + version + " is missing");
                }
                sampled += usage;
            }
            return new Result(length, products, sampled / sample, (double) (after - before) / products);
        }
    }

    private void produce(String version, int length, int products) {
        ContractSerde<RecoResult> serde = new ContractSerde<>(Contract.RECO_RESULT);
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5);
        Random random = new Random(length);
        Instant now = Instant.now();
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), serde.serializer())) {
            for (int p = 1; p <= products; p++) {
                List<ScoredItem> items = new ArrayList<>(length);
                float score = 1f;
                for (int i = 0; i < length; i++) {
                    int other = 1 + random.nextInt(products);
                    score -= random.nextFloat() * 0.01f;
                    items.add(new ScoredItem(productId(other == p ? 1 + p % products : other), Double.parseDouble(Float.toString(score))));
                }
                String product = productId(p);
                producer.send(new ProducerRecord<>(Topics.RECO_RESULTS.name(), product, new RecoResult(UUID.randomUUID(),
                        RecoResult.SCHEMA_VERSION, ResultKind.BATCH, version, product, items, now, (long) products)));
            }
            producer.flush();
        }
    }

    private static void awaitLoaded(JedisPooled jedis, String version, int products, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String loaded = jedis.hget(RedisKeys.versionMeta(version), "loaded");
            if (loaded != null && Long.parseLong(loaded) >= products) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the streams processor loaded " + (loaded == null ? 0 : loaded) + " of " + products
                        + " lists of " + version + " within " + timeout + "; see its log under .nightshift/bench/logs");
            }
            Waiting.pause(Duration.ofMillis(100));
        }
    }

    private static long usedMemory(JedisPooled jedis) {
        for (String line : jedis.info("memory").split("\r?\n")) {
            if (line.startsWith("used_memory:")) {
                return Long.parseLong(line.substring("used_memory:".length()).trim());
            }
        }
        throw new IllegalStateException("INFO memory has no used_memory line");
    }

    static String productId(int index) {
        return "p-%04d".formatted(index);
    }
}
