package io.nightshift.cli.eval;

import io.nightshift.cli.demo.ApiClient;
import io.nightshift.cli.referee.ServedList;
import io.nightshift.cli.referee.Split;
import io.nightshift.cli.referee.Task;
import io.nightshift.cli.terminal.Progress;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Asks the real serving endpoints what a shopper would see, for every test user of a split:
 * {@link Task#RELATED} is the product page of the user's last training item (with the user, so
 * the user's purchases are filtered as on the page), {@link Task#PERSONAL} the user's "for you"
 * list. At most {@code concurrency} requests are in flight, each on its own virtual thread.
 *
 * <p>An answer the API cannot give right now (429, 503, no connection) is asked again a few
 * times; what still fails is recorded with the tier {@code error:<status>} and counts as a miss,
 * because that is what the shopper got.
 */
public final class ServedQueries {

    static final int ATTEMPTS = 5;

    private final ApiClient api;
    private final int concurrency;
    private final Progress progress;

    public ServedQueries(ApiClient api, int concurrency, Progress progress) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        this.api = api;
        this.concurrency = concurrency;
        this.progress = progress;
    }

    /** The served list of every test user of {@code split}, indexed by user (null for users who are not test users). */
    public ServedList[] ask(Split split, Task task, int k) {
        int[] users = split.testUsers();
        ServedList[] answers = new ServedList[split.userCount()];
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        Semaphore inFlight = new Semaphore(concurrency);
        String what = task.wire() + " queries";
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>(users.length);
            for (int user : users) {
                inFlight.acquire();
                futures.add(executor.submit(() -> {
                    try {
                        answers[user] = fetch(path(split, task, user, k));
                    } finally {
                        inFlight.release();
                    }
                    long finished = done.incrementAndGet();
                    if (finished * 10 / users.length != (finished - 1) * 10 / users.length || finished == users.length) {
                        synchronized (progress) {
                            progress.bar(what, finished, users.length, Duration.ofNanos(System.nanoTime() - start));
                        }
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the API", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a query failed: " + e.getCause().getMessage(), e.getCause());
        }
        return answers;
    }

    /**
     * The request a shopper's page would make for this test user. The related task's query is the
     * product alone (the protocol's "only the user's last training item"), so the product page is
     * asked without a userId: a signed-in page would also hide what the shopper bought, which the
     * protocol's related task does not do.
     */
    static String path(Split split, Task task, int user, int k) {
        return switch (task) {
            case RELATED -> "/api/v1/products/" + encode(split.itemId(split.queryItem(user))) + "/recommendations?limit=" + k;
            case PERSONAL -> "/api/v1/users/" + encode(split.userId(user)) + "/recommendations?limit=" + k;
        };
    }

    /** One request, asked again while the API is busy; see the class comment. */
    ServedList fetch(String path) {
        String failure = "error";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                ApiClient.Response response = api.get(path);
                if (response.ok()) {
                    return parse(response.json());
                }
                failure = "error:" + response.status();
                if (response.status() != 429 && response.status() != 503) {
                    return new ServedList(List.of(), failure); // a 4xx will not change by asking again
                }
            } catch (IllegalStateException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                failure = "error:connection";
            }
            pause(Duration.ofMillis(200L * attempt));
        }
        return new ServedList(List.of(), failure);
    }

    /** The answer's products in order and the tier that answered. */
    static ServedList parse(JsonNode answer) {
        List<String> products = new ArrayList<>();
        for (JsonNode item : answer.path("items")) {
            products.add(item.path("productId").asString());
        }
        return new ServedList(products, answer.path("tier").asString("unknown"));
    }

    /** One path segment or query value: ids may hold {@code : / + @}, which must reach the API as data. */
    static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
