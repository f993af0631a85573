package io.nightshift.cli.batch;

import io.nightshift.cli.terminal.Durations;
import io.nightshift.cli.demo.ApiClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Follows a batch run through the admin API, the only view of the laptop the cloud has: polls
 * {@code GET /api/v1/admin/runs} until the run completed, failed or was refused, and, for the
 * watchers that want it, {@code GET /api/v1/admin/laptop} on the way. A run requested while the
 * laptop is away simply stays {@code requested}, so waiting is all there is to do.
 */
public final class RunFollower {

    /** What the follower sees at each poll; called on the following thread. */
    public interface Watcher {

        void seen(RunState run);

        /** Whether {@link #laptop} is wanted: one more request per poll. */
        default boolean watchesLaptop() {
            return false;
        }

        default void laptop(LaptopState laptop) {
        }

        /** The API did not answer a poll (restarting, network); the follower asks again. */
        default void apiSilent(String why) {
        }
    }

    /** The run did not end in time; {@link #last()} is where it was, if the API ever showed it. */
    public static final class TimedOut extends IllegalStateException {

        private final transient RunState last;

        TimedOut(String message, RunState last) {
            super(message);
            this.last = last;
        }

        public Optional<RunState> last() {
            return Optional.ofNullable(last);
        }
    }

    private final ApiClient api;
    private final Duration poll;

    public RunFollower(ApiClient api, Duration poll) {
        this.api = api;
        this.poll = poll;
    }

    /** Blocks until the run's final state, which it returns; throws {@link TimedOut} after {@code timeout}. */
    public RunState follow(String runId, Duration timeout, Watcher watcher) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RunState last = null;
        while (true) {
            Optional<RunState> run = answer("/api/v1/admin/runs", watcher).flatMap(runs -> RunState.find(runs, runId));
            if (run.isPresent()) {
                last = run.get();
                watcher.seen(last);
                if (last.finished()) {
                    return last;
                }
            }
            if (watcher.watchesLaptop()) {
                answer("/api/v1/admin/laptop", watcher).filter(JsonNode::isObject).map(LaptopState::parse).ifPresent(watcher::laptop);
            }
            if (System.nanoTime() > deadline) {
                throw new TimedOut("the batch run " + runId + " did not complete within " + Durations.human(timeout), last);
            }
            pause();
        }
    }

    /**
     * Waits until the active version is another than {@code before} (the streams processor
     * switches once all of a new version's lists are loaded); returns the versions answer that
     * shows it, or empty after {@code wait}.
     */
    public Optional<JsonNode> awaitActivation(String before, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            JsonNode versions = versions();
            Optional<String> active = activeVersion(versions);
            if (active.isPresent() && !Objects.equals(active.get(), before)) {
                return Optional.of(versions);
            }
            if (System.nanoTime() > deadline) {
                return Optional.empty();
            }
            pause();
        }
    }

    /** {@code GET /api/v1/admin/versions}; an error answer is an error (a wrong token, an old API). */
    public JsonNode versions() {
        ApiClient.Response response = api.get("/api/v1/admin/versions");
        if (!response.ok()) {
            throw new IllegalStateException("GET /api/v1/admin/versions answered HTTP " + response.status() + ": " + response.body());
        }
        return response.json();
    }

    public static Optional<String> activeVersion(JsonNode versions) {
        JsonNode active = versions.path("active");
        return active.isString() && !active.asString().isBlank() ? Optional.of(active.asString()) : Optional.empty();
    }

    private Optional<JsonNode> answer(String path, Watcher watcher) {
        try {
            ApiClient.Response response = api.get(path);
            if (!response.ok()) {
                watcher.apiSilent("GET " + path + " answered HTTP " + response.status());
                return Optional.empty();
            }
            return Optional.of(response.json());
        } catch (IllegalStateException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e;
            }
            // The run goes on on the laptop whatever the API does; an API restart must not end the watch.
            watcher.apiSilent(e.getMessage());
            return Optional.empty();
        } catch (RuntimeException e) {
            watcher.apiSilent("GET " + path + " answered something that is not JSON: " + e.getMessage());
            return Optional.empty();
        }
    }

    private void pause() {
        try {
            Thread.sleep(poll);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the batch run", e);
        }
    }
}
