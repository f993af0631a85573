package io.nightshift.cli.command;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.nightshift.schemas.codec.ContractCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code ./nightshift eval --api} against a stand-in for the online API that answers fixed lists
 * (the real stack end to end is {@code EvalIT} in infra/e2e): what is sent (the training part
 * only), how the batch run is followed, and that the served answers are scored by hand-checked
 * numbers. Also the argument errors, which must come before any stack starts.
 */
class EvalCommandTest {

    /**
     * Users with at least 3 interactions are tested on their last one: u1 (history a b c, test d),
     * u2 (b c d, test e), u4 (c d, test a); u3 has 2 and is training data only.
     */
    private static final List<String> TINY = List.of("u1 a b c d", "u2 b c d e", "u3 a c", "u4 c d a");
    /** Related lists by query item: u1 asks c (test d at 1st place), u2 and u4 ask d (e 1st for u2, a 2nd for u4). */
    private static final Map<String, List<String>> RELATED = Map.of("tiny:c", List.of("tiny:d", "tiny:e"), "tiny:d", List.of("tiny:e", "tiny:a"));
    /** The same "for you" list for everybody: u1 misses, u2 finds e 2nd, u4 finds a 1st. */
    private static final List<String> FOR_YOU = List.of("tiny:a", "tiny:e");

    @TempDir
    Path dir;
    private HttpServer api;
    private final List<JsonNode> events = Collections.synchronizedList(new ArrayList<>());
    private final List<String> paths = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger busyAnswersLeft = new AtomicInteger();
    private volatile String requestedRun;
    private volatile String lineage = "";
    private final StringWriter err = new StringWriter();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream originalOut;

    @BeforeEach
    void startTheStandInApi() throws IOException {
        System.setProperty("nightshift.home", dir.toString());
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/api/v1/", this::answer);
        api.start();
        originalOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stopIt() {
        System.setOut(originalOut);
        api.stop(0);
        System.clearProperty("nightshift.home");
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getQuery();
        paths.add(exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query));
        byte[] body = exchange.getRequestBody().readAllBytes();
        String answer;
        int status = 200;
        if (path.equals("/api/v1/admin/backfill/events")) {
            ContractCodec.MAPPER.readTree(body).forEach(events::add);
            status = 202;
            answer = "{}";
        } else if (path.equals("/api/v1/catalog")) {
            status = 202;
            answer = "{}";
        } else if (path.equals("/api/v1/admin/runs") && exchange.getRequestMethod().equals("POST")) {
            requestedRun = ContractCodec.MAPPER.readTree(body).path("runId").asString();
            status = 202;
            answer = "{\"runId\":\"" + requestedRun + "\",\"status\":\"requested\"}";
        } else if (path.equals("/api/v1/admin/runs")) {
            answer = requestedRun == null ? "[]" : "[{\"runId\":\"" + requestedRun + "\",\"status\":\"completed\",\"step\":\"publish\"}]";
        } else if (path.equals("/api/v1/admin/versions")) {
            answer = requestedRun == null ? "{\"active\":null,\"history\":[]}"
                    : "{\"active\":\"v2\",\"previous\":null,\"history\":[{\"modelVersion\":\"v2\"" + lineage + "}]}";
        } else if (path.startsWith("/api/v1/products/") && busyAnswersLeft.getAndDecrement() > 0) {
            status = 429;
            answer = "{\"title\":\"Too Many Requests\"}";
        } else if (path.startsWith("/api/v1/products/")) {
            String product = path.substring("/api/v1/products/".length(), path.indexOf("/recommendations"));
            answer = list("batch", RELATED.getOrDefault(product, List.of()));
        } else if (path.startsWith("/api/v1/users/")) {
            answer = list("batch", FOR_YOU);
        } else {
            status = 404;
            answer = "{}";
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String list(String tier, List<String> products) {
        return "{\"tier\":\"" + tier + "\",\"items\":[" + products.stream().map(p -> "{\"productId\":\"" + p + "\",\"score\":1.0}")
                .collect(Collectors.joining(",")) + "]}";
    }

    private int run(String... args) {
        CommandLine cli = NightshiftCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path tiny() throws IOException {
        Path file = dir.resolve("tiny.txt");
        Files.write(file, TINY);
        return file;
    }

    private String apiUrl() {
        return "http://127.0.0.1:" + api.getAddress().getPort();
    }

    @Test
    void importsOnlyTheTrainingPartAndScoresWhatTheApiAnswered() throws IOException {
        busyAnswersLeft.set(2); // a busy API is asked again, not scored as a miss

        int code = run("eval", "sequences", tiny().toString(), "--api", apiUrl(), "--json", "--concurrency", "2");

        assertThat(code).as(err.toString()).isZero();
        assertThat(events).extracting(e -> e.path("userId").asString() + " " + e.path("productId").asString())
                .containsExactlyInAnyOrder("tiny:u1 tiny:a", "tiny:u1 tiny:b", "tiny:u1 tiny:c", "tiny:u2 tiny:b", "tiny:u2 tiny:c",
                        "tiny:u2 tiny:d", "tiny:u3 tiny:a", "tiny:u3 tiny:c", "tiny:u4 tiny:c", "tiny:u4 tiny:d");
        assertThat(paths).contains("POST /api/v1/admin/runs",
                "GET /api/v1/products/tiny:c/recommendations?limit=10",
                "GET /api/v1/users/tiny:u4/recommendations?limit=10");
        // Catalog and events before the run request: the run must see them.
        assertThat(paths.indexOf("POST /api/v1/admin/runs")).isGreaterThan(paths.lastIndexOf("POST /api/v1/admin/backfill/events"));

        JsonNode report = ContractCodec.MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(report.path("split").path("testUsers").asInt()).isEqualTo(3);
        assertThat(report.path("split").path("importedEvents").asInt()).isEqualTo(10);
        assertThat(report.path("modelVersion").asString()).isEqualTo("v2");
        JsonNode related = report.path("served").get(0);
        assertThat(related.path("task").asString()).isEqualTo("related");
        assertThat(related.path("hitRate").asDouble()).isCloseTo(1.0, within(1e-12));
        assertThat(related.path("ndcg").asDouble()).isCloseTo((1 + 1 + 1 / log2(3)) / 3, within(1e-12));
        assertThat(related.path("tiers").path("batch").asDouble()).isEqualTo(1.0);
        JsonNode personal = report.path("served").get(1);
        assertThat(personal.path("task").asString()).isEqualTo("personal");
        assertThat(personal.path("hitRate").asDouble()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(personal.path("ndcg").asDouble()).isCloseTo((0 + 1 / log2(3) + 1) / 3, within(1e-12));
        assertThat(report.path("batchOfflineMetricsNote").asString()).isEqualTo("not reported by the batch job");
        assertThat(report.path("baselines")).hasSize(6);
        List<String> models = report.path("baselines").findValuesAsString("model");
        assertThat(models.subList(0, 4)).containsExactly("popularity", "popularity", "itemknn", "itemknn");
        // Tuned iALS, one row per task, named with the parameters the validation split chose.
        assertThat(models.get(4)).matches("ials \\(k=\\d+, reg=[0-9.]+, alpha=[0-9.]+, related (cosine|fold-in)\\)");
        assertThat(models.get(5)).matches("ials \\(k=\\d+, reg=[0-9.]+, alpha=[0-9.]+\\)");
        assertThat(report.path("baselines").get(5).path("task").asString()).isEqualTo("personal");
        JsonNode best = report.path("bestBaseline").path("related");
        assertThat(best.path("model").asString()).isIn(models);
        assertThat(best.path("servedOverBest").asDouble()).isCloseTo(related.path("ndcg").asDouble() / best.path("ndcg").asDouble(), within(1e-12));
    }

    @Test
    void printsATableWithTheBatchJobsOwnMetricsWhenItsLineageHasThem() throws IOException {
        lineage = ",\"lineage\":{\"modelFamily\":\"ease\",\"metrics\":{\"related.ndcg@10\":0.0391,\"personal.ndcg@10\":0.045}}";

        int code = run("eval", "sequences", tiny().toString(), "--api", apiUrl());

        assertThat(code).as(err.toString()).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed)
                .contains("| model | task | HR@10 | NDCG@10 | coverage@10 | answers per tier |")
                .contains("| served (HTTP API) | related | 1.0000 | 0.8770 |")
                .contains("| served (HTTP API) | personal | 0.6667 | 0.5436 |")
                .contains("| popularity | related |")
                .contains("| itemknn | personal |")
                .contains("| ials (k=")
                .contains("best baseline (NDCG@10): related ")
                .contains("batch 100.0%")
                .contains("batch job's offline metrics: personal.ndcg@10 0.0450, related.ndcg@10 0.0391");
    }

    @Test
    void trainingEventsArriveInTimeOrderLikeAShopsWhateverTheFileOrder() throws IOException {
        // Rows by date, not in file order (as in the groceries file); the recent-items list is built in arrival order.
        Path file = dir.resolve("baskets.csv");
        Files.write(file, List.of("7,03-01-2015,milk", "7,01-01-2015,bread", "7,02-01-2015,eggs", "7,04-01-2015,jam", "8,01-01-2015,milk"));

        int code = run("eval", "csv", file.toString(), "--user", "0", "--time", "1", "--time-format", "dd-MM-yyyy", "--item", "2",
                "--api", apiUrl(), "--json");

        assertThat(code).as(err.toString()).isZero();
        assertThat(events).extracting(e -> e.path("userId").asString() + " " + e.path("productId").asString())
                .containsExactly("baskets:7 baskets:bread", "baskets:8 baskets:milk", "baskets:7 baskets:eggs", "baskets:7 baskets:milk");
    }

    @Test
    void argumentErrorsSayWhatToDoBeforeAnythingStarts() throws IOException {
        Path file = tiny();
        assertThat(run("eval", "parquet", file.toString(), "--api", apiUrl())).isEqualTo(2);
        assertThat(run("eval", "sequences", dir.resolve("missing.txt").toString(), "--api", apiUrl())).isEqualTo(2);
        assertThat(run("eval", "csv", file.toString(), "--api", apiUrl())).isEqualTo(2);
        assertThat(run("eval", "sequences", file.toString(), "--limit-users", "-1")).isEqualTo(2);
        assertThat(run("eval", "sequences", file.toString(), "--concurrency", "0")).isEqualTo(2);
        assertThat(run("eval", "sequences", file.toString(), "--batch-timeout", "0")).isEqualTo(2);
        assertThat(run("eval", "sequences", file.toString(), "--api", apiUrl(), "--port", "8089")).isEqualTo(2);
        assertThat(run("eval", "sequences")).isEqualTo(2); // picocli: a missing parameter is a usage error

        assertThat(err.toString())
                .contains("unknown format 'parquet'")
                .contains("no file")
                .contains("the csv format needs --user and --item")
                .contains("--limit-users must be at least 1 (or 0 for all)")
                .contains("--concurrency must be between 1 and 256")
                .contains("Invalid value for option '--batch-timeout': '0' is not a positive duration")
                .contains("--port is for the stack eval starts")
                .contains("Missing required parameter");
        assertThat(paths).as("nothing was asked of the API").isEmpty();
        assertThat(dir.resolve(".nightshift")).as("no stack was started").doesNotExist();
    }

    @Test
    void aDatasetWithoutTestUsersIsAClearError() throws IOException {
        Path file = dir.resolve("short.txt");
        Files.write(file, List.of("u1 a b", "u2 c"));

        assertThat(run("eval", "sequences", file.toString(), "--api", apiUrl())).isEqualTo(1);
        assertThat(err.toString()).contains("no test users");
        assertThat(paths).isEmpty();
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
