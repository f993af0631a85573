package io.nightshift.laptop;

import io.nightshift.infra.local.servers.LocalKafka;
import io.nightshift.laptop.models.SyntheticCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A measurement, not a test: the whole nightly job (real Kafka, the real H2 store, real DJL, the
 * default settings, so whatever trainModel routes to, selection included) on synthetic catalogs of
 * several sizes, each in a fresh laptop JVM with the laptop's default heap ({@code -Xmx2g}, as
 * {@code LaptopHeap} starts it, {@code -XX:+ExitOnOutOfMemoryError} included) against a fresh
 * Kafka. Reports each step's wall time, the heap's peaks (the live set after collections, the heap
 * pools' peaks, the sampled peak in use) and the peak resident memory (VmHWM), as a markdown table
 * in {@code target/nightly-scale.md}. Opt-in:
 * {@code ./mvnw -B -o -pl batch-jobs -am verify -DskipITs -Dtest=NightlyJobAtScaleBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dnightshift.bench=true
 * [-Dnightshift.bench.catalogs=18000:300000,20000,50000,100000] [-Dnightshift.bench.heap=2g]
 * [-Dnightshift.bench.laptop-args="--nightshift.laptop.selection.budget=2m ..."]}
 * where a catalog is {@code products[:interactions]} (default 16 interactions per product, about 2
 * shoppers per product, as in Amazon's public data).
 */
@EnabledIfSystemProperty(named = "nightshift.bench", matches = "true")
class NightlyJobAtScaleBenchmark {

    private static final double PER_PRODUCT = 16;
    private static final long MB = 1024 * 1024;

    private record Catalog(int products, long interactions) {

        static Catalog parse(String spec) {
            String[] parts = spec.trim().split(":");
            int products = Integer.parseInt(parts[0]);
            return new Catalog(products, parts.length > 1 ? Long.parseLong(parts[1]) : Math.round(products * PER_PRODUCT));
        }
    }

    @Test
    void nightlyJobByCatalogSize() throws Exception {
        List<Catalog> catalogs = Arrays.stream(System.getProperty("nightshift.bench.catalogs", "18000:300000,20000,50000,100000").split(","))
                .map(Catalog::parse).toList();
        String heap = System.getProperty("nightshift.bench.heap", "2g");
        Path folder = Files.createDirectories(Path.of("target", "nightly-scale"));
        // The laptop JVM's temporary folder (Tomcat's work folder goes there); surefire names it but does not create it.
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        List<String> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> steps = List.of("syncEvents", "trainModel", "evaluateModel", "scoreCatalog", "scoreShoppers", "publishVersion");
        rows.add("| products | shoppers | interactions | model | " + String.join(" | ", steps.stream().map(s -> s + " (s)").toList())
                + " | whole run (s) | heap after GC, peak (MB) | sum of heap pools' peaks (MB) | heap used, sampled peak (MB) | peak RSS (MB) "
                + "| load avg before / after | outcome |");
        rows.add("|---".repeat(8 + steps.size() + 3) + "|");
        for (Catalog catalog : catalogs) {
            Properties result;
            String loadBefore;
            SyntheticCatalog synthetic = SyntheticCatalog.generate(
                    SyntheticCatalog.Shape.of(catalog.products()).withInteractionsPerProduct((double) catalog.interactions() / catalog.products()), 14);
            int shoppers = synthetic.data().users().size();
            long interactions;
            String outcome;
            try (LocalKafka kafka = LocalKafka.start()) {
                interactions = SyntheticShop.publish(kafka.endpoint(), "sc" + UUID.randomUUID().toString().substring(0, 6), synthetic);
                synthetic = null;
                System.gc();
                loadBefore = loadAverage();
                Path dataDir = Files.createTempDirectory(folder, "laptop-" + catalog.products() + "-");
                Path out = dataDir.resolve("result.properties");
                Path log = folder.resolve("laptop-" + catalog.products() + "-" + interactions + ".log");
                System.out.printf(Locale.ROOT, "[scale] %,d products, %,d shoppers, %,d interactions published; laptop JVM log in %s%n",
                        catalog.products(), shoppers, interactions, log);
                Process laptop = new ProcessBuilder(laptopCommand(heap, dataDir, kafka.endpoint().bootstrapServers(), out))
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!laptop.waitFor(90, TimeUnit.MINUTES)) {
                    laptop.destroyForcibly();
                }
                result = read(out);
                outcome = outcome(laptop.exitValue(), result, log);
            }
            String loadAfter = loadAverage();
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %,d | %,d | %,d | %s |", catalog.products(), shoppers,
                    interactions, result.getProperty("family", "-")));
            for (String step : steps) {
                row.append(' ').append(result.getProperty("step." + step + ".seconds", "-")).append(" |");
            }
            row.append(String.format(Locale.ROOT, " %s | %s | %s | %s | %s | %s / %s | %s |", result.getProperty("run.seconds", "-"),
                    megabytes(result, "heap.peakAfterCollection"), megabytes(result, "heap.poolPeaks"), megabytes(result, "heap.peakUsed"),
                    megabytes(result, "rss.peak"), loadBefore, loadAfter, outcome));
            rows.add(row.toString());
            notes.add(String.format(Locale.ROOT, "- %,d products: %s, parameters %s", catalog.products(), result.getProperty("version", "no version"),
                    result.getProperty("parameters", "-")));
            System.out.println("[scale] " + row);
            // Written after every catalog, so that a long series stopped half-way still leaves its rows.
            write(rows, notes, heap);
        }
        System.out.println(write(rows, notes, heap));
        assertThat(rows).hasSize(catalogs.size() + 2);
    }

    private static String write(List<String> rows, List<String> notes, String heap) throws IOException {
        String table = String.join("\n", rows) + "\n\n" + String.join("\n", notes) + "\n\nMeasured " + Instant.now() + ", -Xmx" + heap
                + ", " + Runtime.getRuntime().availableProcessors() + " cores, laptop settings: "
                + System.getProperty("nightshift.bench.laptop-args", "the defaults") + ".\n";
        Files.writeString(Path.of("target", "nightly-scale.md"), table);
        return table;
    }

    /** The laptop as the supervisor starts it ({@code AppProcess}), with the test classpath instead of the jar. */
    private static List<String> laptopCommand(String heap, Path dataDir, String bootstrapServers, Path out) {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap,
                "-XX:+ExitOnOutOfMemoryError",
                "--enable-native-access=ALL-UNNAMED",
                "-Djna.tmpdir=" + Path.of("target", "jna").toAbsolutePath(),
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp", classpath,
                NightlyRunProbe.class.getName(),
                bootstrapServers, dataDir.toAbsolutePath().toString(), out.toAbsolutePath().toString()));
        String settings = System.getProperty("nightshift.bench.laptop-args", "").trim();
        if (!settings.isEmpty()) {
            command.addAll(Arrays.asList(settings.split("\\s+")));
        }
        return command;
    }

    private static String outcome(int exitCode, Properties result, Path log) throws IOException {
        String text = Files.readString(log);
        if (text.contains("OutOfMemoryError")) {
            return "**OutOfMemoryError** (exit " + exitCode + ")";
        }
        if (exitCode != 0) {
            return "exit " + exitCode + ": " + result.getProperty("run.failures", "no result");
        }
        String status = result.getProperty("run.status", "?");
        return "COMPLETED".equals(status) ? "completed" : status + ": " + result.getProperty("run.failures", "");
    }

    private static Properties read(Path out) throws IOException {
        Properties result = new Properties();
        if (Files.exists(out)) {
            try (Reader reader = Files.newBufferedReader(out)) {
                result.load(reader);
            }
        }
        return result;
    }

    private static String megabytes(Properties result, String key) {
        String bytes = result.getProperty(key);
        return bytes == null ? "-" : String.format(Locale.ROOT, "%,d", Long.parseLong(bytes) / MB);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
