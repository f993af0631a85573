package io.nightshift.onlineapi;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.featurestore.FeatureStoreSettings;
import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.result.ScoredItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storefront and the console in a real browser (the system's chromium, headless) with hostile
 * names in the data: they must show as the characters they are, create no element and run nothing.
 */
@RealServers
class StorefrontXssTest {

    private static final String MAIN_NAME = "<img src=x onerror=\"window.__xss=1\">Main";
    private static final String RELATED_NAME = "<img src=x onerror=\"window.__xss=2\">";
    private static final String RUN_DETAIL = "<img src=x onerror=\"window.__xss=3\">";

    private static TestApi api;
    private static FeatureStore store;
    private static HeadlessChromium chromium;
    private static ChromeDriver browser;

    @BeforeAll
    static void start(KafkaEndpoint kafka, RedisEndpoint redis) throws IOException {
        api = TestApi.start(kafka, redis);
        store = FeatureStore.connect(FeatureStoreSettings.of(redis.host(), redis.port()).withTimeout(Duration.ofSeconds(2)));
        chromium = HeadlessChromium.start();
        browser = chromium.driver();
    }

    @AfterAll
    static void stop() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
        if (api != null) {
            api.close();
            store.close();
        }
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Object script(String code) {
        return chromium.script(code);
    }

    private static <T> T until(Function<WebDriver, T> condition) {
        return chromium.until(condition);
    }

    private static void screenshot(String name) throws IOException {
        chromium.screenshot(Path.of("/tmp", name));
    }

    private static void assertNothingRan() {
        assertThat(browser.findElements(By.tagName("img"))).as("elements created from data").isEmpty();
        assertThat(script("return typeof window.__xss")).as("window.__xss set by a hostile name").isEqualTo("undefined");
    }

    @Test
    @DisplayName("the storefront shows a hostile product name as text and runs none of it")
    void storefrontWritesNamesAsText() throws IOException {
        String main = id("p-xss-main");
        String related = id("p-xss-rel");
        store.catalog().putProduct(new Product(main, MAIN_NAME, "<b>lamps</b>", 10.0, true));
        store.catalog().putProduct(new Product(related, RELATED_NAME, "<i>desks</i>", 20.0, true));
        String version = id("v-xss");
        store.versions().stageList(version, main, List.of(new ScoredItem(related, 0.9)), Instant.now(), 1);
        assertThat(store.versions().activate(version, "test").refused()).isFalse();

        browser.get(api.uri("/index.html?product=" + main + "&user=u-xss").toString());
        until(driver -> main.equals(script("return document.body.dataset.shown"))
                && !driver.findElements(By.cssSelector("#related .nightshift-item")).isEmpty());
        screenshot("storefront-xss.png");

        assertThat(browser.findElement(By.cssSelector("#current h2")).getText()).isEqualTo(MAIN_NAME);
        List<WebElement> cards = browser.findElements(By.cssSelector("#related .nightshift-name"));
        assertThat(cards).extracting(WebElement::getText).contains(RELATED_NAME);
        assertThat(browser.findElement(By.id("related")).getText()).contains("<i>desks</i>");
        assertNothingRan();
    }

    @Test
    @DisplayName("the console asks for the token and shows hostile run details as text")
    void consoleWritesDataAsText() throws IOException {
        assertThat(api.admin("POST", "/api/v1/admin/runs", "{\"detail\":\"" + RUN_DETAIL.replace("\"", "\\\"") + "\"}").statusCode()).isEqualTo(202);

        browser.get(api.uri("/console.html").toString());
        WebElement token = until(driver -> driver.findElement(By.id("token")));
        assertThat(token.getAttribute("value")).as("the token field starts empty").isEmpty();
        token.sendKeys(TestApi.TOKEN);
        browser.findElement(By.cssSelector("#signin button")).click();
        until(driver -> driver.findElement(By.id("runs")).getText().contains(RUN_DETAIL)
                && driver.findElement(By.id("health")).getText().contains("Redis"));
        script("document.getElementById('runs').scrollIntoView()");
        screenshot("console-xss.png");

        assertThat(script("return sessionStorage.getItem('nightshift.adminToken')")).isEqualTo(TestApi.TOKEN);
        assertThat(script("return localStorage.length")).isEqualTo(0L);
        assertThat(browser.findElement(By.id("health")).getText()).contains("reachable");
        assertNothingRan();
    }
}
