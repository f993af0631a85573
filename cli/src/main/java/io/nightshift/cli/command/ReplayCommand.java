package io.nightshift.cli.command;

import io.nightshift.cli.demo.ApiClient;
import io.nightshift.cli.stack.Stack;
import io.nightshift.cli.stack.StackLayout;
import io.nightshift.cli.stack.StackState;
import io.nightshift.schemas.codec.ContractCodec;
import io.nightshift.schemas.control.ReplayState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Rebuilds the cloud's projections from the event log: the streams processor empties the Redis
 * features (popular, trending, recent items, product metadata) and the analysts' PostgreSQL
 * tables, then reads every topic again from its beginning under a new generation. Model
 * versions, their lists and the owner's configuration (kill switches, cohort pins) are kept; a
 * Redis that lost its active version gets it back from the copy on {@code reco.active.v1}.
 * The request goes to the online API's admin API, which hands it to the streams processor on the
 * control topic; the command follows it there until the replay has caught up with the topics.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, description = {"Rebuild the Redis features and the event log from the topics.",
        "Reads the topics from their beginning into Redis and the PostgreSQL event log."})
final class ReplayCommand implements Callable<Integer> {

    static final String PATH = "/api/v1/admin/replay";
    /** How long {@code --no-wait} waits for a streams processor to start the replay before it leaves it waiting. */

    private static String localApi(StackState state) {
        StackState.App api = state.apps().get(Stack.ONLINE_API);
        if (api == null) {
            throw new IllegalStateException("the running stack has no online API; restart it with ./nightshift up");
        }
        return "http://127.0.0.1:" + api.port();
    }
    private static final Duration NO_WAIT_START = Duration.ofSeconds(30);

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m", description = "How long to wait for the replay to catch up, e.g. 90s, 10m or 1h30m (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--no-wait", description = "Start the replay and return without waiting for it to catch up.")
    boolean noWait;

    @Option(names = "--api", paramLabel = "URL", description = "the online API to ask, e.g. https://shop.example.com (default: the running local stack's)")
    String apiUrl;

    @Override
    public Integer call() throws Exception {
        StackState local = apiUrl != null ? null : RunningStack.require(StackLayout.discover());
        String url = (apiUrl != null ? apiUrl.replaceAll("/+$", "") : localApi(local)) + PATH;
        String token = local != null ? RunningStack.adminToken(local)
                : System.getenv().getOrDefault("NIGHTSHIFT_ADMIN_TOKEN", ApiClient.DEMO_TOKEN);
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            System.out.println("Replaying: emptying the features and the event log, then reading every topic again...");
            String replayId = send(http, url, token, true).path("replayId").asString();
            long deadline = System.nanoTime() + timeout.toNanos();
            long startDeadline = noWait ? Math.min(deadline, System.nanoTime() + NO_WAIT_START.toNanos()) : deadline;
            Optional<JsonNode> started = awaitStart(http, url, token, replayId, startDeadline);
            if (started.isEmpty() && noWait) {
                System.out.println("Replay " + replayId + " is requested; it starts when a streams processor runs (./nightshift status).");
                System.out.println("Follow it with: curl -H 'Authorization: Bearer " + token + "' " + url);
                return 0;
            }
            if (started.isEmpty()) {
                throw new IllegalStateException("no streams processor has picked up replay " + replayId + " within " + timeout
                        + "; the request waits until one runs (./nightshift status shows it), check it with: curl -H 'Authorization: Bearer "
                        + token + "' " + url);
            }
            System.out.println("Generation " + started.get().path("generation").asInt() + " is reading the topics.");
            if (noWait) {
                System.out.println("Follow it with: curl -H 'Authorization: Bearer " + token + "' " + url);
                return 0;
            }
            while (System.nanoTime() < deadline) {
                JsonNode status = ofThisReplay(send(http, url, token, false), replayId);
                Optional<ReplayState> phase = ReplayState.find(status.path("state").asString());
                if (phase.equals(Optional.of(ReplayState.CAUGHT_UP))) {
                    System.out.println("Replay caught up: generation " + status.path("generation").asInt()
                            + "; Redis features and the event log are rebuilt.");
                    return 0;
                }
                failed(status);
                System.out.println("  still reading, records left: " + status.path("lag"));
                Thread.sleep(2_000);
            }
            throw new IllegalStateException("the replay has not caught up within " + timeout
                    + "; it goes on in the background, check it with: curl -H 'Authorization: Bearer " + token + "' " + url);
        }
    }

    /**
     * Waits until the streams processor has reset the projections and reads the topics again; empty
     * when the deadline passes first. While no processor runs the request waits in the control
     * topic and the answer stays {@code requested}.
     */
    private static Optional<JsonNode> awaitStart(HttpClient http, String url, String token, String replayId, long deadline)
            throws InterruptedException {
        while (true) {
            JsonNode status = ofThisReplay(send(http, url, token, false), replayId);
            failed(status);
            Optional<ReplayState> phase = ReplayState.find(status.path("state").asString());
            if (phase.isPresent() && phase.get() != ReplayState.REQUESTED && phase.get() != ReplayState.RESETTING) {
                return Optional.of(status);
            }
            if (System.nanoTime() >= deadline) {
                return Optional.empty();
            }
            Thread.sleep(500);
        }
    }

    /** The answer shows the newest replay: one asked for right after this one replaces it. */
    private static JsonNode ofThisReplay(JsonNode status, String replayId) {
        if (!replayId.equals(status.path("replayId").asString())) {
            throw new IllegalStateException("another replay (" + status.path("replayId").asString() + ") was asked for after this one ("
                    + replayId + "); follow that one");
        }
        return status;
    }

    private static void failed(JsonNode status) {
        if (ReplayState.find(status.path("state").asString()).equals(Optional.of(ReplayState.FAILED))) {
            throw new IllegalStateException("the replay failed: " + status.path("detail").asString()
                    + "; see the streams log under .nightshift/logs and run ./nightshift replay again");
        }
    }

    private static JsonNode send(HttpClient http, String url, String token, boolean post) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(3));
        request = post ? request.POST(HttpRequest.BodyPublishers.noBody()) : request.GET();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("the online API refused the replay (HTTP " + response.statusCode() + "): "
                        + response.body());
            }
            return ContractCodec.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("the online API at " + url + " did not answer (" + e.getMessage()
                    + "); is the stack running? try ./nightshift status", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
