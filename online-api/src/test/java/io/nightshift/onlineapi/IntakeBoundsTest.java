package io.nightshift.onlineapi;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.event.ShopEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The intake's bounds on values and times, over HTTP against the real app (finding 1 and 4 of the trust-boundary issue). */
@RealServers
class IntakeBoundsTest {

    private static TestApi api;
    private static KafkaEndpoint kafka;

    @BeforeAll
    static void start(KafkaEndpoint kafkaEndpoint, RedisEndpoint redis) {
        kafka = kafkaEndpoint;
        api = TestApi.start(kafkaEndpoint, redis);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static String event(String type, String value, String occurredAt) {
        return """
                {"eventId":"%s","schemaVersion":2,"type":"%s","userId":"u-bounds","productId":"p-bounds",%s"occurredAt":"%s"}"""
                .formatted(UUID.randomUUID(), type, value == null ? "" : "\"value\":" + value + ",", occurredAt);
    }

    @ParameterizedTest(name = "{0} {1} at {2} is refused naming {3}")
    @CsvSource({
            "rating, 1e308, now, $.value",
            "rating, 1e400, now, $.value",
            "rating, -3, now, $.value",
            "rating, 11, now, $.value",
            "purchase, 0, now, $.value",
            "view, , 2099-01-01T00:00:00Z, $.occurredAt",
            "view, , 1900-01-01T00:00:00Z, $.occurredAt",
            "view, , 2025-01-01T00:00:00Z, $.occurredAt",
            "view, , 2026-02-31T00:00:00Z, $.occurredAt",
    })
    @DisplayName("a value or a time out of bounds is a 400 problem naming the field, never a 202")
    void outOfBounds(String type, String value, String when, String field) {
        String at = "now".equals(when) ? Instant.now().toString() : when;
        HttpResponse<String> response = api.send("POST", "/api/v1/events", event(type, value, at));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));
        assertThat(TestApi.json(response).get("errors").toString()).contains(field);
        assertThat(response.body()).doesNotContain("java.", "tools.jackson", "Exception");
    }

    @Test
    @DisplayName("the owner's backfill takes last year's history, which the public intake refuses")
    void backfill() {
        String lastYear = Instant.now().minus(Duration.ofDays(400)).toString();
        String body = event("rating", "4", lastYear);

        assertThat(api.send("POST", "/api/v1/events", body).statusCode()).isEqualTo(400);
        assertThat(api.send("POST", "/api/v1/admin/backfill/events", body).statusCode()).as("without the admin token").isEqualTo(401);
        HttpResponse<String> accepted = api.admin("POST", "/api/v1/admin/backfill/events", body);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(api.admin("POST", "/api/v1/admin/backfill/events", event("view", null, "2099-01-01T00:00:00Z")).statusCode())
                .as("the future stays closed to the backfill").isEqualTo(400);
    }

    @Test
    @DisplayName("one event id sent three times in a batch is written once and counted as two duplicates")
    void repeatedIds() {
        UUID id = UUID.randomUUID();
        String one = """
                {"eventId":"%s","schemaVersion":2,"type":"view","userId":"u-dup","productId":"p-dup","occurredAt":"%s"}"""
                .formatted(id, Instant.now());
        HttpResponse<String> response = api.send("POST", "/api/v1/events", "[" + one + "," + one + "," + one + "]");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode body = TestApi.json(response);
        assertThat(body.get("accepted").asInt()).isEqualTo(1);
        assertThat(body.get("duplicates").asInt()).isEqualTo(2);
        try (var reader = new TopicReader<>(kafka, "shop.events.v1", Contract.SHOP_EVENT)) {
            List<ShopEvent> found = reader.await(e -> id.equals(e.eventId()), m -> !m.isEmpty(), Duration.ofSeconds(20));
            assertThat(found).hasSize(1);
        }
    }

    @Test
    @DisplayName("a product whose name or category holds a NUL is a 400 problem naming the field, so PostgreSQL never sees it")
    void nulInProductText() {
        HttpResponse<String> name = api.catalog("PUT", "/api/v1/products/p-nul",
                "{\"name\":\"Trail\\u0000shoe\",\"category\":\"running\",\"price\":30.0,\"available\":true}");
        HttpResponse<String> category = api.catalog("POST", "/api/v1/catalog",
                "[{\"productId\":\"p-nul\",\"name\":\"Trail shoe\",\"category\":\"run\\u0000ning\",\"available\":true}]");

        assertThat(name.statusCode()).as(name.body()).isEqualTo(400);
        assertThat(TestApi.json(name).get("errors").toString()).contains("name");
        assertThat(category.statusCode()).as(category.body()).isEqualTo(400);
        assertThat(category.body()).contains("category");
    }
}
