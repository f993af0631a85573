package io.nightshift.featurestore;

import io.nightshift.schemas.result.ScoredItem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The list codec (what every product-page read decodes and every version load encodes) against
 * two baselines in the same run: Jackson writing and reading the same list as JSON (what the
 * codec replaced), and a plain copy of the encoded bytes (the floor: touching the bytes at all).
 * Run by {@code ./mvnw -Pjmh -pl feature-store -am verify -DskipTests}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ProductListCodecBenchmark {

    /** Items per list: 20 is a product page's list, 50 the most a version keeps. */
    @Param({"20", "50"})
    public int items;

    private StoredList list;
    private byte[] encoded;
    private byte[] json;
    private JsonMapper jackson;

    @Setup
    public void setUp() {
        Random random = new Random(17);
        List<ScoredItem> scored = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            scored.add(new ScoredItem("p-" + (100_000 + random.nextInt(900_000)), 1.0 - i * 0.013 - random.nextFloat() * 0.001));
        }
        list = new StoredList("als-2026-12-05T01:00:00Z", Instant.parse("2026-12-05T01:02:03.456Z"), scored);
        encoded = ProductListCodec.encode(list);
        jackson = JsonMapper.builder().build();
        json = jackson.writeValueAsBytes(list);
    }

    @Benchmark
    public byte[] codecEncode() {
        return ProductListCodec.encode(list);
    }

    @Benchmark
    public StoredList codecDecode() {
        return ProductListCodec.decode(encoded);
    }

    @Benchmark
    public byte[] jacksonWrite() {
        return jackson.writeValueAsBytes(list);
    }

    @Benchmark
    public StoredList jacksonRead() {
        return jackson.readValue(json, StoredList.class);
    }

    @Benchmark
    public byte[] plainByteCopy() {
        return Arrays.copyOf(encoded, encoded.length);
    }
}
