package io.nightshift.onlineapi;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.featurestore.FeatureStoreSettings;
import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.topic.Topics;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's operations panels in the system's chromium against the API on real servers: a
 * dead letter written with the dead-letter headers shows up under its topic with its reason and a
 * harmless preview; the A/B table shows a cohort's answers, clicks and click-through rate once an
 * answer the API really served was counted and clicked. The counting itself is the streams
 * processor's (its topology is tested in EventFeaturesTest); here it is done through the same
 * feature-store role, since the online API's tests do not run the other application.
 */
@RealServers
class ConsoleOperationsBrowserTest {

    @Test
    @DisplayName("the console lists a dead letter with its reason and a cohort's answers, clicks and CTR")
    void ownerSeesDeadLettersAndTheAbTest(KafkaEndpoint kafka, RedisEndpoint redis) throws IOException {
        String cohort = "ab" + UUID.randomUUID().toString().substring(0, 6);
        try (TestApi api = TestApi.start(kafka, redis, "--nightshift.serving.cohorts.a=0", "--nightshift.serving.cohorts.b=0",
                "--nightshift.serving.cohorts." + cohort + "=100");
             FeatureStore store = FeatureStore.connect(FeatureStoreSettings.of(redis.host(), redis.port()).withTimeout(Duration.ofSeconds(2)));
             HeadlessChromium chromium = HeadlessChromium.start(1400, 1600)) {
            String key = "u-console-" + UUID.randomUUID().toString().substring(0, 8);
            String reason = "InvalidPayloadException: shop-event is invalid: $.productId: required (" + key + ")";
            DeadLettersTest.deadLetter(kafka, Topics.SHOP_EVENTS.name(), key,
                    "{\"type\":\"view\",\"note\":\"<img src=x onerror=alert(1)>\"}".getBytes(StandardCharsets.UTF_8), reason, 17);

            // A real answer: its request id and cohort are the ones its reco_served event carries.
            JsonNode answer = TestApi.json(api.get("/api/v1/products/p-console-ab/recommendations?userId=" + key));
            assertThat(answer.get("cohort").asString()).isEqualTo(cohort);
            String requestId = answer.get("requestId").asString();
            store.cohortCounts().served(cohort, requestId, Instant.now());
            store.cohortCounts().served(cohort, "r-" + UUID.randomUUID(), Instant.now());
            store.cohortCounts().clicked(requestId);

            var browser = chromium.driver();
            browser.get(api.uri("/console.html").toString());
            browser.findElement(By.id("token")).sendKeys(TestApi.TOKEN);
            browser.findElement(By.cssSelector("#signin button")).click();

            WebElement letters = chromium.until(driver -> {
                WebElement block = driver.findElement(By.cssSelector("#deadLetters .dlq[data-topic='shop.events.v1.dlq']"));
                return block.getText().contains(reason) ? block : null;
            });
            assertThat(letters.getText()).contains("key " + key, "from shop.events.v1 p2@17", "[InvalidPayloadException]",
                    "<img src=x onerror=alert(1)>");
            assertThat(browser.findElements(By.cssSelector("#deadLetters img"))).as("the preview is text, not markup").isEmpty();
            assertThat(letters.findElements(By.cssSelector("button.download"))).as("each record can be downloaded whole").isNotEmpty();

            chromium.until(driver -> driver.findElement(By.cssSelector("#cohorts tr[data-cohort='" + cohort + "'] [data-field='clicks']"))
                    .getText().equals("1 (1)"));
            String row = browser.findElement(By.cssSelector("#cohorts tr[data-cohort='" + cohort + "']")).getText();
            assertThat(row).contains(cohort, "100 · 100.0 %", "2 (2)", "50.0 % (50.0 %)");
            chromium.screenshot(java.nio.file.Path.of("target", "console-operations.png"));
        }
    }
}
