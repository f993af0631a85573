package io.nightshift.cli.command;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./nightshift batch run --api} against a stand-in for the online API that plays a run's
 * life: each {@code GET /api/v1/admin/runs} answers the next state of a script (the last one
 * stays), {@code GET /api/v1/admin/laptop} the laptop at that state, and the versions answer
 * changes once the run has ended. The real stack end to end is the demo's first run.
 */
class BatchCommandTest {

    private static final String RUN_ID = "run-20261126-073000-000";
    private static final String ONLINE = "{\"status\":\"online\",\"state\":\"running\",\"power\":\"ac\",\"secondsSinceLastSeen\":2}";
    private static final String OFFLINE = "{\"status\":\"offline\",\"state\":\"idle\",\"secondsSinceLastSeen\":300}";
    private static final String V1_ACTIVE = "{\"active\":\"v1\",\"previous\":null,\"cohortPins\":{},\"history\":[{\"modelVersion\":\"v1\"}],\"lineages\":[]}";

    /** One poll's answers. */
    private record Moment(String run, String laptop) {
    }

    @TempDir
    Path dir;
    private HttpServer api;
    private final List<String> paths = Collections.synchronizedList(new ArrayList<>());
    private volatile List<Moment> script = List.of();
    private volatile int polls;
    private volatile boolean requested;
    private volatile String versionsAfter = V1_ACTIVE;
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
        String method = exchange.getRequestMethod();
        paths.add(method + " " + path);
        exchange.getRequestBody().readAllBytes();
        int status = 200;
        String answer;
        Moment now = script.isEmpty() ? null : script.get(Math.min(Math.max(polls - 1, 0), script.size() - 1));
        if (path.equals("/api/v1/admin/runs") && method.equals("POST")) {
            requested = true;
            status = 202;
            answer = "{\"runId\":\"" + RUN_ID + "\",\"status\":\"requested\"}";
        } else if (path.equals("/api/v1/admin/runs")) {
            polls++;
            now = script.get(Math.min(polls - 1, script.size() - 1));
            answer = "[" + now.run() + ",{\"runId\":\"run-older\",\"status\":\"completed\",\"step\":\"publishVersion\",\"done\":0,\"total\":0}]";
        } else if (path.equals("/api/v1/admin/laptop")) {
            answer = now == null ? OFFLINE : now.laptop();
        } else if (path.equals("/api/v1/admin/versions")) {
            boolean ended = now != null && polls >= script.size();
            answer = requested && ended ? versionsAfter : V1_ACTIVE;
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

    private static String run(String status, String step, long done, long total, String detail) {
        return "{\"runId\":\"" + RUN_ID + "\",\"status\":\"" + status + "\"" + (step == null ? "" : ",\"step\":\"" + step + "\"")
                + ",\"done\":" + done + ",\"total\":" + total + (detail == null ? "" : ",\"detail\":\"" + detail + "\"")
                + ",\"requestedAt\":\"2026-11-26T07:30:00Z\",\"updatedAt\":\"2026-11-26T07:31:00Z\"}";
    }

    private int batch(String... options) {
        CommandLine cli = NightshiftCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of("batch", "run", "--api", "http://127.0.0.1:" + api.getAddress().getPort()));
        args.addAll(List.of(options));
        return cli.execute(args.toArray(String[]::new));
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void waitsForAnOfflineLaptopThenShowsEachStepAndSummarisesTheNewModelAgainstTheActiveOne() {
        script = List.of(
                new Moment(run("requested", null, 0, 0, "requested with ./nightshift batch run"), OFFLINE),
                new Moment(run("requested", null, 0, 0, "requested with ./nightshift batch run"), OFFLINE),
                new Moment(run("running", "syncEvents", 0, 0, null), ONLINE),
                new Moment(run("running", "scoreCatalog", 50, 100, null), ONLINE),
                new Moment(run("running", "scoreCatalog", 100, 100, null), ONLINE),
                new Moment(run("running", "publishVersion", 130, 130, null), ONLINE),
                new Moment(run("completed", "publishVersion", 0, 0, null), ONLINE));
        versionsAfter = """
                {"active":"v2","previous":"v1","cohortPins":{},"history":[
                  {"modelVersion":"v1"},
                  {"modelVersion":"v2","lineage":{"modelFamily":"ease","parameters":{"lambda":"250"},"metrics":{
                    "test.users":812,"test.related.ndcg10":0.0412,"test.personal.ndcg10":0.045,
                    "active.related.ndcg10":0.0391,"active.personal.ndcg10":0.044,
                    "validation.related.ndcg10":0.04,"validation.trials":6}}}],
                 "lineages":[]}""";

        int code = batch();

        assertThat(code).as(err.toString()).isZero();
        String printed = printed();
        assertThat(printed)
                .contains("Run " + RUN_ID + " requested; following it")
                .contains("!! the laptop is offline (last heartbeat 5 min 00 s ago): the run starts when it comes back; "
                        + "Ctrl-C stops watching, not the run")
                .contains(".. the laptop is back online")
                .contains(".. syncEvents")
                .contains("] scoreCatalog 50/100")
                .contains("[##############################] scoreCatalog 100/100")
                .contains("] publishVersion 130/130")
                .contains("Run " + RUN_ID + " completed.")
                .contains("  model       v2 (ease), now active instead of v1")
                .contains("  vs active   related NDCG@10 0.0412 (active 0.0391), personal NDCG@10 0.0450 (active 0.0440) on 812 test users")
                .contains("  validation  related.ndcg10 0.0400, trials 6")
                .contains("  products    100 of 100 scored; 130 lists published")
                .containsPattern("  time        \\d+(\\.\\d)? s \\(\\d+(\\.\\d)? s of it waiting for the laptop\\)");
        assertThat(printed.split("the laptop is offline", -1)).as("said once").hasSize(2);
        // The step began between two polls (1 s apart): 50 items in about a second, not in the instant since it was seen.
        assertThat(printed).containsPattern("\\[#{15} {15}\\] scoreCatalog 50/100  [1-5]?\\d/s  eta \\d+s");
        assertThat(paths.getFirst()).as("the active version is read before the request").isEqualTo("GET /api/v1/admin/versions");
    }

    @Test
    void aRefusalByTheGateShowsTheDeferralOnTheWayAndTheGatesReasonAndExitsWith3() {
        String reason = "gate: candidate v2 (ease) mean NDCG@10 0.0300 is below active v1 (cooccurrence) 0.0400; the active model stays";
        script = List.of(
                new Moment(run("running", "evaluateModel", 1, 2, null), ONLINE),
                new Moment(run("deferred", "evaluateModel", 1, 2, "on battery (23%)"), ONLINE),
                new Moment(run("deferred", "evaluateModel", 1, 2, "on battery (23%)"), ONLINE),
                new Moment(run("refused", "evaluateModel", 0, 0, reason), ONLINE));

        int code = batch();

        assertThat(code).as(err.toString()).isEqualTo(3);
        String printed = printed();
        assertThat(printed)
                .contains("!! the laptop deferred evaluateModel: on battery (23%); it goes on by itself when that clears")
                .contains("Run " + RUN_ID + " refused by the evaluation gate: " + reason)
                .contains("  model       not published; v1 stays active")
                .contains("  vs active   not reported")
                .contains("  validation  not reported")
                .contains("  products    scored: not reported; no list published");
        assertThat(printed.split("on battery", -1)).as("the reason once").hasSize(2);
        assertThat(printed).doesNotContain("waiting for the new version");
    }

    @Test
    void aFailedRunSaysWhatFailedAndExitsWith4() {
        script = List.of(new Moment(run("failed", "scoreCatalog", 0, 0, "step scoreCatalog failed: disk full; a restart resumes at this step"), ONLINE));

        assertThat(batch()).as(err.toString()).isEqualTo(4);
        assertThat(printed()).contains("Run " + RUN_ID + " failed: step scoreCatalog failed: disk full; a restart resumes at this step");
    }

    @Test
    void aCompletedRunWhoseVersionHasNoLineageSaysNotReported() {
        script = List.of(new Moment(run("running", "publishVersion", 10, 10, null), ONLINE),
                new Moment(run("completed", "publishVersion", 0, 0, null), ONLINE));
        versionsAfter = "{\"active\":\"v2\",\"previous\":\"v1\",\"history\":[{\"modelVersion\":\"v2\"}]}";

        assertThat(batch()).as(err.toString()).isZero();
        assertThat(printed())
                .contains("  model       v2 (family not reported), now active instead of v1")
                .contains("  vs active   not reported")
                .contains("  validation  not reported")
                .contains("  products    scored: not reported; 10 lists published");
    }

    @Test
    void stopsWatchingAtTheTimeoutWithExit5AndSaysTheRunGoesOn() {
        script = List.of(new Moment(run("requested", null, 0, 0, null), OFFLINE));

        assertThat(batch("--timeout", "1s")).as(err.toString()).isEqualTo(5);
        assertThat(printed())
                .contains("Stopped watching after")
                .contains("run " + RUN_ID + " is still waiting for the laptop; it goes on on the laptop")
                .contains("  model       not published yet; v1 stays active");
    }

    @Test
    void noWaitOnlyAsksForTheRun() {
        assertThat(batch("--no-wait")).as(err.toString()).isZero();
        assertThat(printed()).contains("Run requested: {\"runId\":\"" + RUN_ID + "\"");
        assertThat(paths).containsExactly("POST /api/v1/admin/runs");
    }

    @Test
    void aBadTimeoutIsAUsageErrorThatSaysWhatToWrite() {
        assertThat(batch("--timeout", "soon")).isEqualTo(2);
        assertThat(batch("--timeout", "0s")).isEqualTo(2);
        assertThat(err.toString())
                .contains("Invalid value for option '--timeout': 'soon' is not a duration; write e.g. 90s, 10m, 2h, 1h30m or PT10M")
                .contains("'0s' is not a positive duration")
                .doesNotContain("Exception");
        assertThat(paths).as("nothing was asked of the API").isEmpty();
    }
}
