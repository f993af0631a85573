package io.nightshift.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Whole-catalog scoring measured by the laptop's own code: the CLI never links the laptop, so it
 * runs the measurement's entry point from the laptop's jar ({@code io.nightshift.laptop.bench.ScoringBench},
 * through Spring Boot's PropertiesLauncher) as a process per catalog size, and reads back the one
 * line it prints. A process per size keeps each size's peak resident memory its own.
 */
public final class ScoringRuns {

    static final String ENTRY_POINT = "io.nightshift.laptop.bench.ScoringBench";
    static final String PREFIX = "scoring-result";

    private final Path laptopJar;
    private final Path djlCache;
    private final Path workDir;

    /**
     * @param laptopJar the batch-jobs module's runnable jar
     * @param djlCache  where the stack keeps DJL's native engine (offline)
     * @param workDir   where the process runs and logs
     */
    public ScoringRuns(Path laptopJar, Path djlCache, Path workDir) {
        this.laptopJar = laptopJar;
        this.djlCache = djlCache;
        this.workDir = workDir;
    }

    /**
     * One catalog size.
     *
     * @param products  catalog size
     * @param queryRows products whose lists were computed ({@code products} when the whole catalog was)
     * @param scoring   scores per second (query rows × products / s) through the nightly job's top-K path
     * @param plain     the same for a plain DJL matrix product of the same shapes
     * @param rssBefore resident memory right before the timed scoring (JVM, the table on the heap and natively), -1 if unknown
     * @param rssGrowth how far resident memory rose above it while scoring: the scoring's working memory, -1 if unknown
     * @param table     the embedding table's bytes (products × 64 floats), which every method holds
     * @param heapUsed  heap in use after the scoring phase
     */
    public record Result(int products, int queryRows, double scoring, double plain, long rssBefore, long rssGrowth, long table, long heapUsed) {

        public double ratio() {
            return scoring / plain;
        }

        static Result parse(String line) {
            Map<String, String> fields = new HashMap<>();
            for (String field : line.substring(PREFIX.length()).trim().split("\\s+")) {
                int eq = field.indexOf('=');
                fields.put(field.substring(0, eq), field.substring(eq + 1));
            }
            return new Result(Integer.parseInt(fields.get("products")), Integer.parseInt(fields.get("rows")),
                    Double.parseDouble(fields.get("scoring")), Double.parseDouble(fields.get("plain")),
                    Long.parseLong(fields.get("rssBefore")), Long.parseLong(fields.get("rssGrowth")), Long.parseLong(fields.get("table")), Long.parseLong(fields.get("heap")));
        }
    }

    /** Runs one size in its own JVM (heap as the laptop's default, 1 GB) and waits for its line. */
    public Result run(int products, int queryRows) {
        Path log = workDir.resolve("scoring-" + products + ".log");
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx1g",
                "--enable-native-access=ALL-UNNAMED", "-Djna.tmpdir=" + workDir.resolve("jna"),
                "-Dloader.main=" + ENTRY_POINT, "-cp", laptopJar.toString(), "org.springframework.boot.loader.launch.PropertiesLauncher",
                Integer.toString(products), Integer.toString(queryRows));
        try {
            Files.createDirectories(workDir.resolve("jna"));
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("DJL_OFFLINE", "true");
            builder.environment().put("DJL_CACHE_DIR", djlCache.toString());
            Process process = builder.start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("scoring " + products + " products took over 10 minutes; see " + log);
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return lines.stream().filter(l -> l.startsWith(PREFIX + " ")).findFirst().map(Result::parse)
                    .orElseThrow(() -> new IllegalStateException("scoring " + products + " products printed no result (exit "
                            + process.exitValue() + "); see " + log));
        } catch (IOException e) {
            throw new IllegalStateException("could not run the laptop's scoring measurement from " + laptopJar + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
