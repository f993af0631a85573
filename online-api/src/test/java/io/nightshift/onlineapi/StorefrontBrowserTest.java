package io.nightshift.onlineapi;

import io.nightshift.featurestore.FeatureStore;
import io.nightshift.featurestore.FeatureStoreSettings;
import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.Tier;
import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.schemas.result.ScoredItem;
import io.nightshift.schemas.topic.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo storefront and the shop's widget as a shopper uses them, in a real browser against the
 * API on real Kafka and Redis: related products and "for you" with their tiers, a product page
 * address that survives a reload, a click that reaches {@code shop.events.v1} as {@code reco_clicked}
 * quoting the answer it came from, the widget on another origin through the CORS setting, and
 * nothing at all on the page when the API cannot be reached.
 */
@RealServers
class StorefrontBrowserTest {

    private static final By RELATED = By.cssSelector("[data-nightshift=related]:not(#down)");
    private static final Path SCREENSHOT = Path.of("..", "docs", "images", "storefront.png");

    private static KafkaEndpoint kafka;
    private static TestApi api;
    private static ShopSite shop;
    private static FeatureStore store;
    private static HeadlessChromium chromium;

    @BeforeAll
    static void start(KafkaEndpoint kafkaEndpoint, RedisEndpoint redis) throws IOException {
        kafka = kafkaEndpoint;
        // The shop's own site, on another origin than the API, embeds the widget as docs/widget.md says.
        shop = ShopSite.start();
        api = TestApi.start(kafka, redis, "--nightshift.http.cors-allowed-origins=" + shop.origin());
        store = FeatureStore.connect(FeatureStoreSettings.of(redis.host(), redis.port()).withTimeout(Duration.ofSeconds(2)));
        chromium = HeadlessChromium.start();
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
        if (shop != null) {
            shop.close();
        }
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    private static String product(String prefix, String name, String category) {
        String id = id(prefix);
        store.catalog().putProduct(new Product(id, name, category, 25.0, true));
        return id;
    }

    private static List<String> names(String listId) {
        return chromium.driver().findElements(By.cssSelector("#" + listId + " .nightshift-name")).stream().map(WebElement::getText).toList();
    }

    private static String shown() {
        return (String) chromium.script("return document.body.dataset.shown || null");
    }

    @Test
    @DisplayName("the storefront shows related and for-you lists with tiers, keeps the product in its address and records a click")
    void storefront() throws IOException {
        // Fixed ids where the screenshot shows them, so docs/images/storefront.png only changes when the page does.
        String lamp = "p-lamp";
        store.catalog().putProduct(new Product(lamp, "Brass desk lamp", "lighting", 25.0, true));
        String bulb = product("p-bulb", "Warm LED bulb", "lighting");
        String shade = product("p-shade", "Linen lamp shade", "lighting");
        String desk = product("p-desk", "Standing desk", "furniture");
        String chair = product("p-chair", "Oak reading chair", "furniture");
        String rug = product("p-rug", "Wool rug", "furniture");
        String shelf = product("p-shelf", "Pine bookshelf", "furniture");
        String cable = product("p-cable", "Braided lamp cable", "lighting");
        String dimmer = product("p-dimmer", "Rotary dimmer", "lighting");
        String user = "u-ada";
        String version = id("v-shop");
        // Four of each, as many as the storefront asks for: no filler from other tests' popular items in the screenshot.
        store.versions().stageList(version, lamp, List.of(new ScoredItem(bulb, 0.9), new ScoredItem(shade, 0.7),
                new ScoredItem(cable, 0.5), new ScoredItem(dimmer, 0.4)), Instant.now(), 2);
        store.versions().stageList(version, bulb, List.of(new ScoredItem(lamp, 0.8)), Instant.now(), 2);
        store.versions().stageUserList(version, user, List.of(new ScoredItem(chair, 0.8), new ScoredItem(rug, 0.6),
                new ScoredItem(shelf, 0.5), new ScoredItem(desk, 0.4)), Instant.now(), 2);
        assertThat(store.versions().activate(version, "test").refused()).isFalse();

        chromium.driver().get(api.uri("/?user=" + user + "#/products/" + lamp).toString());
        chromium.until(driver -> lamp.equals(shown()) && names("foryou").size() == 4);
        chromium.screenshot(SCREENSHOT);

        assertThat(chromium.driver().findElement(By.cssSelector("#current h2")).getText()).isEqualTo("Brass desk lamp");
        assertThat(names("related")).containsExactly("Warm LED bulb", "Linen lamp shade", "Braided lamp cable", "Rotary dimmer");
        assertThat(names("foryou")).containsExactly("Oak reading chair", "Wool rug", "Pine bookshelf", "Standing desk");
        assertThat(chromium.driver().findElement(By.cssSelector("#related .nightshift-tier")).getText()).isEqualTo("batch");
        assertThat(chromium.driver().findElement(By.cssSelector("#foryou .nightshift-tier")).getText()).isEqualTo("batch");

        chromium.driver().navigate().refresh();
        chromium.until(driver -> lamp.equals(shown()) && names("related").size() == 4);
        assertThat(chromium.driver().getCurrentUrl()).endsWith("#/products/" + lamp);
        assertThat(chromium.driver().findElement(By.cssSelector("#current h2")).getText()).isEqualTo("Brass desk lamp");

        String requestId = chromium.driver().findElement(By.id("related")).getDomAttribute("data-request-id");
        assertThat(requestId).isNotBlank();
        try (var events = new TopicReader<>(kafka, Topics.SHOP_EVENTS.name(), Contract.SHOP_EVENT)) {
            chromium.driver().findElement(By.cssSelector("#related a[data-product-id='" + bulb + "']")).click();
            chromium.until(driver -> bulb.equals(shown()) && names("related").contains("Brass desk lamp"));
            assertThat(chromium.driver().getCurrentUrl()).endsWith("#/products/" + bulb);

            List<ShopEvent> clicks = events.await(event -> event.type() == EventType.RECO_CLICKED && bulb.equals(event.productId()),
                    found -> !found.isEmpty(), Duration.ofSeconds(20));
            assertThat(clicks).singleElement().satisfies(click -> {
                assertThat(click.userId()).isEqualTo(user);
                assertThat(click.reco().requestId()).isEqualTo(requestId);
                assertThat(click.reco().tier()).isEqualTo(Tier.BATCH);
                assertThat(click.reco().modelVersion()).isEqualTo(version);
            });
        }
    }

    @Test
    @DisplayName("the widget on the shop's own site answers through the CORS setting, records clicks, and shows nothing when the API is down")
    void widgetOnTheShopsSite() {
        String table = product("p-table", "Walnut side table", "furniture");
        String stool = product("p-stool", "Felt stool", "furniture");
        String bench = product("p-bench", "Oak bench", "seating");
        String pouf = product("p-pouf", "Wool pouf", "seating");
        store.features().setTrending("seating", bench, 1);
        store.features().setTrending("seating", pouf, 2);
        String version = id("v-cors");
        store.versions().stageList(version, table, List.of(new ScoredItem(stool, 0.9)), Instant.now(), 1);
        assertThat(store.versions().activate(version, "test").refused()).isFalse();
        // The page is docs/widget.md's example, pointed at this API and product, plus a list whose API is down.
        String page = "<!doctype html><html><head><meta charset=\"utf-8\"></head><body><h1>The shop</h1>\n"
                + embedExample().replace("https://reco.shop.example", api.uri("").toString()).replace("p-0001", table)
                + "\n<div id=\"down\" data-nightshift=\"related\" data-product=\"" + table + "\" data-api=\"http://127.0.0.1:" + closedPort() + "\"></div>"
                + "\n<div id=\"filtered\" data-nightshift=\"related\" data-product=\"" + table + "\" data-category=\"seating\" data-exclude=\""
                + pouf + "\" data-api=\"" + api.uri("") + "\"></div>"
                + "\n<p>the rest of the shop's page</p></body></html>";
        String shopPage = shop.serve("/product.html", page);

        try (var events = new TopicReader<>(kafka, Topics.SHOP_EVENTS.name(), Contract.SHOP_EVENT)) {
            chromium.driver().get(shopPage);
            chromium.until(driver -> "shown".equals(driver.findElement(RELATED).getDomAttribute("data-nightshift-state"))
                    && "empty".equals(driver.findElement(By.id("down")).getDomAttribute("data-nightshift-state")));

            assertThat(chromium.driver().findElement(RELATED).findElements(By.className("nightshift-name")))
                    .as("the table's list first, then filler from popular").extracting(WebElement::getText).startsWith("Felt stool");
            assertThat(chromium.driver().findElement(RELATED).findElements(By.className("nightshift-tier")))
                    .as("no tier badge unless data-show-tier asks").isEmpty();
            assertThat(chromium.script("return document.getElementById('down').childElementCount")).isEqualTo(0L);
            chromium.until(driver -> "shown".equals(driver.findElement(By.id("filtered")).getDomAttribute("data-nightshift-state")));
            assertThat(names("filtered")).as("data-category and data-exclude reach the API").containsExactly("Oak bench");
            assertThat(chromium.script("return document.getElementById('down').offsetHeight")).as("no room taken on the shop's page").isEqualTo(0L);

            String requestId = chromium.driver().findElement(RELATED).getDomAttribute("data-request-id");
            chromium.driver().findElement(RELATED).findElement(By.tagName("a")).click();
            chromium.until(driver -> driver.getCurrentUrl().endsWith("/products/" + stool));
            List<ShopEvent> clicks = events.await(event -> event.type() == EventType.RECO_CLICKED && stool.equals(event.productId()),
                    found -> !found.isEmpty(), Duration.ofSeconds(20));
            assertThat(clicks).singleElement().satisfies(click -> {
                assertThat(click.userId()).as("an anonymous shopper").isNull();
                assertThat(click.sessionId()).startsWith("s-");
                assertThat(click.reco().requestId()).isEqualTo(requestId);
                assertThat(click.reco().modelVersion()).isEqualTo(version);
            });
        }
    }

    /** The first html block of docs/widget.md: what a shop is told to paste. */
    private static String embedExample() {
        try {
            String doc = Files.readString(Path.of("..", "docs", "widget.md"));
            int start = doc.indexOf("```html\n") + "```html\n".length();
            return doc.substring(start, doc.indexOf("```", start));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
