package io.nightshift.e2e;

import io.nightshift.infra.local.servers.FreePorts;
import io.nightshift.infra.local.demo.ApiClient;
import io.nightshift.infra.local.demo.DemoSeeder;
import io.nightshift.infra.local.demo.DemoShop;
import io.nightshift.infra.local.stack.Progress;
import io.nightshift.infra.local.stack.Stack;
import io.nightshift.infra.local.stack.StackLayout;
import io.nightshift.infra.local.stack.StackOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code ./nightshift demo} promises, on the real runnable jars as separate JVMs: the demo
 * shop goes in through the API, the laptop's first batch run reaches shoppers as the
 * {@code batch} tier, and when the laptop vanishes the same URL keeps answering.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoStackIT {

    private static Stack stack;
    private static ApiClient api;
    private static DemoShop shop;

    @BeforeAll
    static void startTheWholePlatform() throws IOException {
        Path home = Path.of(System.getProperty("nightshift.home"));
        Path stateDir = Path.of(System.getProperty("nightshift.e2e.stateDir"));
        Files.createDirectories(stateDir);
        Progress progress = new Progress(System.out);
        stack = Stack.start(new StackLayout(home, stateDir), new StackOptions(FreePorts.next(), true), progress);
        api = new ApiClient(stack.apiUrl(), ApiClient.DEMO_TOKEN);
        shop = DemoShop.generate(42, 200, Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(10)));
        DemoSeeder seeder = new DemoSeeder(api, progress);
        seeder.loadCatalog(shop);
        seeder.loadEvents(shop);
        stack.markReady();
    }

    @AfterAll
    static void stopEverything() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void beforeAnyBatchRunShoppersGetTheFallbackTiersFromTheStreamsFeatures() {
        DemoSeeder seeder = new DemoSeeder(api, new Progress(System.out));
        JsonNode trending = seeder.awaitTier(shop.showcaseProduct(), "trending", Duration.ofMinutes(2));
        assertThat(trending.path("tier").asString()).isEqualTo("trending");
        assertThat(trending.path("items").size()).isPositive();
        assertThat(trending.path("modelVersion").isNull()).isTrue();

        JsonNode unknown = api.get("/api/v1/products/p-unknown/recommendations").json();
        assertThat(unknown.path("tier").asString()).isEqualTo("popular");
        assertThat(unknown.path("items").size()).isPositive();
    }

    @Test
    @Order(2)
    void theFirstBatchRunReachesShoppersAsTheBatchTier() {
        DemoSeeder seeder = new DemoSeeder(api, new Progress(System.out));
        seeder.requestBatchRun();
        JsonNode answer = seeder.awaitTier(shop.showcaseProduct(), "batch", Duration.ofMinutes(3));
        assertThat(answer).isNotNull();
        assertThat(answer.path("tier").asString()).isEqualTo("batch");
        assertThat(answer.path("modelVersion").asString()).isNotBlank();
        assertThat(answer.path("computedAt").asString()).isNotBlank();
        assertThat(answer.has("stale")).isTrue();
        assertThat(answer.path("items").size()).isPositive();
        assertThat(answer.path("items").findValuesAsString("productId")).doesNotContain(shop.showcaseProduct());
    }

    @Test
    @Order(3)
    void whenTheLaptopVanishesTheSameUrlStillAnswers() throws IOException {
        Files.writeString(stack.stateDirWish(), "offline");
        stack.followLaptopWish();
        assertThat(stack.app(Stack.LAPTOP).isAlive()).isFalse();

        ApiClient.Response response = api.get("/api/v1/products/" + shop.showcaseProduct() + "/recommendations?userId=u-0001");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("tier").asString()).isEqualTo("batch");
        assertThat(response.json().path("items").size()).isPositive();
        assertThat(api.get("/api/v1/products/p-unknown/recommendations").json().path("tier").asString()).isEqualTo("popular");
    }

    @Test
    @Order(4)
    void badInputGetsProblemDetailsNotAServerError() {
        ApiClient.Response response = api.post("/api/v1/events", java.util.Map.of("type", "view"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("schemaVersion");
    }

}
