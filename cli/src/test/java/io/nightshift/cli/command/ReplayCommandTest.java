package io.nightshift.cli.command;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.nightshift.cli.stack.Stack;
import io.nightshift.cli.stack.StackLayout;
import io.nightshift.cli.stack.StackState;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./nightshift replay} against a stand-in for the online API's admin API, found through the
 * running stack's state: each {@code GET /api/v1/admin/replay} answers the next state of a script
 * (the last one stays), as the streams processor's reports would make it.
 */
class ReplayCommandTest {

    private static final String REPLAY_ID = "replay-20261126-073000-000";

    @TempDir
    Path home;
    private HttpServer api;
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private volatile List<String> script = List.of();
    private volatile int polls;
    private final StringWriter err = new StringWriter();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream originalOut;

    @BeforeEach
    void startTheStandInApi() throws IOException {
        System.setProperty("nightshift.home", home.toString());
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/api/v1/", this::answer);
        api.start();
        new StackState(ProcessHandle.current().pid(), "ready", Instant.now(), "http://localhost:" + api.getAddress().getPort(),
                "127.0.0.1:9092", "127.0.0.1:6379", "postgresql://127.0.0.1:5432/postgres", "online", StackState.UP, StackState.UP,
                Map.of(Stack.ONLINE_API, new StackState.App(ProcessHandle.current().pid(), api.getAddress().getPort())))
                .writeTo(StackLayout.discover().stateFile());
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
        String method = exchange.getRequestMethod();
        calls.add(method + " " + exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
        exchange.getRequestBody().readAllBytes();
        int status = 200;
        String answer;
        if (!exchange.getRequestURI().getPath().equals("/api/v1/admin/replay")) {
            status = 404;
            answer = "{}";
        } else if (method.equals("POST")) {
            status = 202;
            answer = "{\"replayId\":\"" + REPLAY_ID + "\",\"state\":\"requested\"}";
        } else {
            polls++;
            answer = script.get(Math.min(polls - 1, script.size() - 1));
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String replay(String state, Integer generation, String lag, String detail) {
        return "{\"replayId\":\"" + REPLAY_ID + "\",\"state\":\"" + state + "\"" + (generation == null ? "" : ",\"generation\":" + generation)
                + (lag == null ? "" : ",\"lag\":" + lag) + (detail == null ? "" : ",\"detail\":\"" + detail + "\"") + "}";
    }

    private int replayCommand(String... options) {
        CommandLine cli = NightshiftCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of("replay"));
        args.addAll(List.of(options));
        return cli.execute(args.toArray(String[]::new));
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void asksTheOnlineApiAndFollowsTheReplayUntilItHasCaughtUp() {
        script = List.of(
                replay("requested", null, null, "requested by the owner"),
                replay("resetting", 2, null, null),
                replay("replaying", 3, "{\"features-g3\":120}", null),
                replay("replaying", 3, "{\"features-g3\":40}", null),
                replay("caught-up", 3, "{\"features-g3\":0}", null));

        int code = replayCommand();

        assertThat(code).as(err.toString()).isZero();
        assertThat(calls).first().isEqualTo("POST /api/v1/admin/replay Bearer nightshift-demo-token");
        assertThat(printed()).contains("Replaying: emptying the features and the event log", "Generation 3 is reading the topics.",
                "still reading, records left: {\"features-g3\":40}", "Replay caught up: generation 3");
    }

    @Test
    void asksAServerGivenByApiWithoutALocalStack() throws IOException {
        Files.delete(StackLayout.discover().stateFile());
        script = List.of(replay("caught-up", 4, "{\"features-g4\":0}", null));

        int code = replayCommand("--api", "http://localhost:" + api.getAddress().getPort() + "/");

        assertThat(code).as(err.toString()).isZero();
        assertThat(calls).first().isEqualTo("POST /api/v1/admin/replay Bearer nightshift-demo-token");
        assertThat(printed()).contains("Replay caught up: generation 4");
    }

    @Test
    void aFailedReplaySaysWhatFailed() {
        script = List.of(replay("requested", null, null, null), replay("failed", 2, null, "Redis away"));

        int code = replayCommand();

        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("the replay failed: Redis away");
    }

    @Test
    void noWaitReturnsOnceTheNewGenerationReadsTheTopics() {
        script = List.of(replay("replaying", 5, "{\"features-g5\":900}", null));

        int code = replayCommand("--no-wait");

        assertThat(code).as(err.toString()).isZero();
        assertThat(printed()).contains("Generation 5 is reading the topics.", "Follow it with: curl").doesNotContain("caught up");
    }
}
