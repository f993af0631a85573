package io.nightshift.cli.importer;

import io.nightshift.cli.demo.ApiClient;
import io.nightshift.cli.terminal.Progress;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.event.ShopEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Sends a catalog and events through the online API in batches of {@value #BATCH} (its
 * documented maximum), as a shop's backend would, with a progress bar. A batch the API cannot
 * take right now (503, 429) is sent again after a pause: event ids are the idempotency key, so
 * a resend never counts twice. A batch it refuses (4xx) stops the upload with its answer.
 */
public final class ApiUpload {

    public static final int BATCH = 500;
    /** The owner's backfill intake: history older than the public intake's horizon is the point of an import. */
    static final String EVENTS = "/api/v1/admin/backfill/events";
    private static final int ATTEMPTS = 10;

    private final ApiClient api;
    private final Progress progress;

    public ApiUpload(ApiClient api, Progress progress) {
        this.api = api;
        this.progress = progress;
    }

    public void catalog(List<Product> products) {
        long start = System.nanoTime();
        for (int from = 0; from < products.size(); from += BATCH) {
            List<Product> batch = products.subList(from, Math.min(products.size(), from + BATCH));
            send("/api/v1/catalog", batch, "products");
            report("products", from, from + batch.size(), products.size(), start);
        }
    }

    /**
     * Sends the events {@code source} produces, in its order.
     *
     * @param total  how many it will produce, for the bar's ETA
     * @param source called once with the consumer to give each event to (e.g. one read of an {@link Importer})
     */
    public void events(long total, Consumer<Consumer<ShopEvent>> source) {
        long start = System.nanoTime();
        List<ShopEvent> batch = new ArrayList<>(BATCH);
        long[] sent = {0};
        Runnable flush = () -> {
            send(EVENTS, batch, "events");
            report("events", sent[0], sent[0] + batch.size(), total, start);
            sent[0] += batch.size();
            batch.clear();
        };
        source.accept(event -> {
            batch.add(event);
            if (batch.size() == BATCH) {
                flush.run();
            }
        });
        if (!batch.isEmpty()) {
            flush.run();
        }
    }

    private void send(String path, List<?> batch, String what) {
        for (int attempt = 1; ; attempt++) {
            ApiClient.Response response = api.post(path, batch);
            if (response.ok()) {
                return;
            }
            if ((response.status() == 503 || response.status() == 429) && attempt < ATTEMPTS) {
                pause(Duration.ofMillis(250L * attempt));
                continue;
            }
            throw new IllegalStateException("the API refused a batch of " + what + " (HTTP " + response.status() + "): "
                    + abbreviate(response.body()) + "; what was sent before it is in, and sending the same data again is safe");
        }
    }

    /** A bar line at most every tenth of the way, so a million events make ten lines, not two thousand. */
    private void report(String what, long before, long done, long total, long startNanos) {
        if (total == 0 || done * 10 / total != before * 10 / total || done == total) {
            progress.bar(what, done, total, Duration.ofNanos(System.nanoTime() - startNanos));
        }
    }

    private static String abbreviate(String body) {
        return body.length() <= 400 ? body : body.substring(0, 397) + "...";
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
