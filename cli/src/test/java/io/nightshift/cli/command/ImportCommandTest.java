package io.nightshift.cli.command;

import com.sun.net.httpserver.HttpServer;
import io.nightshift.cli.importer.ImportFormat;
import io.nightshift.cli.importer.Importer;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractCodec;
import io.nightshift.schemas.event.ShopEvent;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./nightshift import} against a stand-in for the online API that records what it is sent
 * (the API's own ingestion is tested in online-api; here: what the command sends, in which order,
 * in which batches, and what it tells the user).
 */
class ImportCommandTest {

    @TempDir
    Path dir;
    private HttpServer api;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<JsonNode> events = Collections.synchronizedList(new ArrayList<>());
    private final List<JsonNode> products = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger unavailableAnswersLeft = new AtomicInteger();
    private volatile int eventStatus = 202;
    private final StringWriter err = new StringWriter();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream originalOut;

    @BeforeEach
    void startTheStandInApi() throws IOException {
        System.setProperty("nightshift.home", dir.toString());
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/api/v1/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            JsonNode body = ContractCodec.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
            int status = 202;
            if (path.equals("/api/v1/admin/backfill/events") && unavailableAnswersLeft.getAndDecrement() > 0) {
                status = 503;
            } else if (path.equals("/api/v1/admin/backfill/events")) {
                status = eventStatus;
                if (status == 202) {
                    requests.add("events " + body.size());
                    body.forEach(events::add);
                }
            } else {
                requests.add("catalog " + body.size());
                body.forEach(products::add);
            }
            byte[] answer = (status == 202 ? "{\"accepted\":" + body.size() + ",\"rejected\":[]}" : "{\"title\":\"no\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
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

    private String apiUrl() {
        return "http://127.0.0.1:" + api.getAddress().getPort();
    }

    private int run(String... args) {
        CommandLine cli = NightshiftCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path sequences(int users, int itemsPerUser, String... extraLines) throws IOException {
        List<String> lines = IntStream.range(0, users)
                .mapToObj(u -> u + " " + IntStream.range(0, itemsPerUser).mapToObj(i -> "p" + (u + i) % 50).collect(Collectors.joining(" ")))
                .collect(Collectors.toCollection(ArrayList::new));
        lines.addAll(List.of(extraLines));
        Path file = dir.resolve("seq.txt");
        Files.write(file, lines);
        return file;
    }

    @Test
    void sendsTheCatalogFirstThenEventsInBatchesOf500() throws IOException {
        Path file = sequences(120, 10);

        int code = run("import", "sequences", file.toString(), "--api", apiUrl(), "--rejects", dir.resolve("r").toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(requests).containsExactly("catalog 50", "events 500", "events 500", "events 200");
        List<ShopEvent> expected = Importer.of(ImportFormat.SEQUENCES, file, null, null).readAll().events();
        ContractCodec<ShopEvent> codec = ContractCodec.of(Contract.SHOP_EVENT);
        assertThat(events).extracting(codec::decode).containsExactlyElementsOf(expected);
        assertThat(products).extracting(p -> p.get("productId").asString()).startsWith("seq:p0", "seq:p1");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("events 1200/1200")
                .contains("Imported: read 120 lines, imported 1,200 events (120 users, 50 items), rejected 0, duplicates 0");
        assertThat(dir.resolve("r")).doesNotExist();
    }

    @Test
    void importingTheSameFileTwiceSendsTheSameEventIds() throws IOException {
        Path file = sequences(3, 4);
        run("import", "sequences", file.toString(), "--api", apiUrl());
        List<String> first = events.stream().map(e -> e.get("eventId").asString()).toList();
        events.clear();
        run("import", "sequences", file.toString(), "--api", apiUrl());
        assertThat(events).extracting(e -> e.get("eventId").asString()).containsExactlyElementsOf(first).hasSize(12);
    }

    @Test
    void badLinesAreReportedAndWrittenToTheRejectsFileAndTheImportGoesOn() throws IOException {
        Path file = sequences(2, 3, "lonely");
        Path rejects = dir.resolve("seq.rejects");

        int code = run("import", "sequences", file.toString(), "--api", apiUrl(), "--rejects", rejects.toString());

        assertThat(code).isZero();
        assertThat(events).hasSize(6);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("!! line 3: a user without items")
                .contains("rejected 1").contains(rejects.toString());
        assertThat(Files.readAllLines(rejects)).containsExactly("3\ta user without items; expected: user item item ...\tlonely");
    }

    @Test
    void waitsAndResendsWhileTheApiIsBrieflyUnavailable() throws IOException {
        unavailableAnswersLeft.set(1);
        int code = run("import", "sequences", sequences(2, 3).toString(), "--api", apiUrl());
        assertThat(code).as(err.toString()).isZero();
        assertThat(events).hasSize(6);
    }

    @Test
    void aRefusedBatchStopsTheImportWithTheApisAnswer() throws IOException {
        eventStatus = 400;
        int code = run("import", "sequences", sequences(2, 3).toString(), "--api", apiUrl());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: the API refused a batch of events (HTTP 400)").contains("sending the same data again is safe");
    }

    @Test
    void withoutARunningStackOrApiItSaysHowToStartOne() throws IOException {
        int code = run("import", "sequences", sequences(1, 3).toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("not running").contains("./nightshift demo");
    }

    @Test
    void csvNeedsItsColumnsAndOtherFormatsRefuseThem() throws IOException {
        Path file = sequences(1, 3);
        assertThat(run("import", "csv", file.toString(), "--api", apiUrl())).isEqualTo(2);
        assertThat(err.toString()).contains("error: the csv format needs --user and --item");
        assertThat(run("import", "sequences", file.toString(), "--user", "0", "--api", apiUrl())).isEqualTo(2);
        assertThat(err.toString()).contains("apply to the csv format only");
        assertThat(run("import", "parquet", file.toString(), "--api", apiUrl())).isEqualTo(2);
        assertThat(err.toString()).contains("unknown format 'parquet'; use one of movielens, sequences, csv");
        assertThat(requests).isEmpty();
    }

    @Test
    void importsTheGroceriesLayoutWithAColumnMapping() throws IOException {
        Path file = dir.resolve("groceries.csv");
        Files.writeString(file, "1808,21-07-2015,tropical fruit\r\n1808,21-07-2015,whole milk\r\nx,99-99-2015,milk\r\n");
        int code = run("import", "csv", file.toString(), "--user", "0", "--time", "1", "--time-format", "dd-MM-yyyy", "--item", "2",
                "--event-type", "purchase", "--api", apiUrl(), "--rejects", dir.resolve("g.rejects").toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(events).extracting(e -> e.get("type").asString() + " " + e.get("productId").asString() + " " + e.get("occurredAt").asString())
                .containsExactly("purchase groceries:tropical_fruit 2015-07-21T00:00:00Z", "purchase groceries:whole_milk 2015-07-21T00:00:00Z");
        assertThat(products).extracting(p -> p.get("name").asString() + "/" + p.get("category").asString())
                .containsExactly("tropical fruit/unknown", "whole milk/unknown");
    }
}
