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
 * versions, their lists and the owner's configuration (kill switches, cohort pins) are kept.
 * The command waits until the replay has caught up with the topics.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, description = "Rebuild the Redis features and the PostgreSQL event log from the beginning of the topics.")
final class ReplayCommand implements Callable<Integer> {

    static final String PATH = "/api/v1/admin/replay";

    @Option(names = "--timeout", defaultValue = "PT10M", description = "How long to wait for the replay to catch up (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--no-wait", description = "Start the replay and return without waiting for it to catch up.")
    boolean noWait;

    @Override
    public Integer call() throws Exception {
        StackState state = RunningStack.require(StackLayout.discover());
        StackState.App streams = state.apps().get(Stack.STREAMS);
        if (streams == null) {
            throw new IllegalStateException("the running stack has no streams processor; restart it with ./nightshift up");
        }
        String url = "http://127.0.0.1:" + streams.port() + PATH;
        String token = System.getenv().getOrDefault("NIGHTSHIFT_ADMIN_TOKEN", ApiClient.DEMO_TOKEN);
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            System.out.println("Replaying: emptying the features and the event log, then reading every topic again...");
            JsonNode started = send(http, url, token, true);
            System.out.println("Generation " + started.path("generation").asInt() + " is reading the topics.");
            if (noWait) {
                System.out.println("Follow it with: curl -H 'Authorization: Bearer " + token + "' " + url);
                return 0;
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                JsonNode status = send(http, url, token, false);
                Optional<ReplayState> phase = ReplayState.find(status.path("state").asString());
                if (phase.equals(Optional.of(ReplayState.CAUGHT_UP))) {
                    System.out.println("Replay caught up: generation " + status.path("generation").asInt()
                            + "; Redis features and the event log are rebuilt.");
                    return 0;
                }
                if (phase.equals(Optional.of(ReplayState.FAILED))) {
                    throw new IllegalStateException("the replay failed: " + status.path("error").asString()
                            + "; see the streams log under .nightshift/logs and run ./nightshift replay again");
                }
                System.out.println("  still reading, records left: " + status.path("lag"));
                Thread.sleep(2_000);
            }
            throw new IllegalStateException("the replay has not caught up within " + timeout
                    + "; it goes on in the background, check it with: curl -H 'Authorization: Bearer " + token + "' " + url);
        }
    }

    private static JsonNode send(HttpClient http, String url, String token, boolean post) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(3));
        request = post ? request.POST(HttpRequest.BodyPublishers.noBody()) : request.GET();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("the streams processor refused the replay (HTTP " + response.statusCode() + "): "
                        + response.body());
            }
            return ContractCodec.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("the streams processor at " + url + " did not answer (" + e.getMessage()
                    + "); is the stack running? try ./nightshift status", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
