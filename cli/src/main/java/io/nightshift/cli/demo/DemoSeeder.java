package io.nightshift.cli.demo;

import io.nightshift.cli.terminal.Progress;
import io.nightshift.schemas.event.ShopEvent;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;

/**
 * Loads the demo shop through the public API (as a real shop's backend would) and asks the
 * laptop for a first batch run; then waits until shoppers get batch answers.
 */
public final class DemoSeeder {

    /** The API's documented batch maximum, for events and catalog uploads alike. */
    static final int BATCH = 500;

    private final ApiClient api;
    private final Progress progress;

    public DemoSeeder(ApiClient api, Progress progress) {
        this.api = api;
        this.progress = progress;
    }

    public void loadCatalog(DemoShop shop) {
        var products = shop.products();
        for (int from = 0; from < products.size(); from += BATCH) {
            require(api.post("/api/v1/catalog", products.subList(from, Math.min(products.size(), from + BATCH))), "catalog upload");
        }
        progress.info("  ok catalog: " + products.size() + " products");
    }

    public void loadEvents(DemoShop shop) {
        List<ShopEvent> events = shop.events();
        long start = System.nanoTime();
        int shownTenth = -1;
        for (int from = 0; from < events.size(); from += BATCH) {
            List<ShopEvent> batch = events.subList(from, Math.min(events.size(), from + BATCH));
            require(api.post("/api/v1/events", batch), "event upload");
            int done = from + batch.size();
            int tenth = done * 10 / events.size();
            if (tenth != shownTenth) { // a line per tenth: readable in a terminal and in a log file alike
                progress.bar("events", done, events.size(), Duration.ofNanos(System.nanoTime() - start));
                shownTenth = tenth;
            }
        }
    }

    /** Asks for a batch run now, as the owner's "run now" button does; returns the answer's body. */
    public String requestBatchRun() {
        ApiClient.Response response = api.post("/api/v1/admin/runs", java.util.Map.of());
        require(response, "batch run request");
        return response.body();
    }

    /**
     * Polls the product's recommendations until the batch tier answers; returns the last
     * answer (which may come from a lower tier when the time ran out: the shop still answers).
     */
    public JsonNode awaitTier(String productId, String tier, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            ApiClient.Response response = api.get("/api/v1/products/" + productId + "/recommendations?limit=5");
            if (response.ok()) {
                last = response.json();
                if (tier.equals(last.path("tier").asString())) {
                    return last;
                }
            }
            sleep();
        }
        return last;
    }

    private static void require(ApiClient.Response response, String what) {
        if (!response.ok()) {
            throw new IllegalStateException(what + " failed with HTTP " + response.status() + ": " + response.body());
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
