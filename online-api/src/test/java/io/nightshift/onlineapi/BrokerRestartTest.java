package io.nightshift.onlineapi;

import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.infra.local.servers.LocalKafka;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.event.ShopEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The broker goes away and comes back on the same port while the same API instance keeps running. */
@RealServers
class BrokerRestartTest {

    private static final int DURING_OUTAGE = 20;

    private static String view(UUID eventId, String userId) {
        return """
                {"eventId":"%s","schemaVersion":2,"type":"view","userId":"%s","productId":"p-restart","occurredAt":"%s"}"""
                .formatted(eventId, userId, Instant.now());
    }

    @Test
    @DisplayName("events accepted while the broker is stopped reach it after its restart: in order, none lost, none twice")
    void spoolDrainsAfterBrokerRestart(RedisEndpoint redis) {
        LocalKafka kafka = LocalKafka.start();
        try (kafka;
             TestApi api = TestApi.start(kafka.endpoint(), redis,
                     "--nightshift.spool.ack-wait=1s",
                     "--nightshift.spool.drain-interval=500ms",
                     "--nightshift.kafka.max-block=1s",
                     "--nightshift.kafka.request-timeout=2s",
                     "--nightshift.kafka.delivery-timeout=4s")) {
            String user = "u-restart-" + UUID.randomUUID();
            List<UUID> expected = new ArrayList<>();

            UUID before = UUID.randomUUID();
            HttpResponse<String> written = api.send("POST", "/api/v1/events", view(before, user));
            assertThat(written.statusCode()).as(written.body()).isEqualTo(202);
            assertThat(TestApi.json(written).get("spooled").asBoolean()).isFalse();
            expected.add(before);

            kafka.stop();
            for (int i = 0; i < DURING_OUTAGE; i++) {
                UUID eventId = UUID.randomUUID();
                HttpResponse<String> spooled = api.send("POST", "/api/v1/events", view(eventId, user));
                assertThat(spooled.statusCode()).as(spooled.body()).isEqualTo(202);
                assertThat(TestApi.json(spooled).get("spooled").asBoolean()).isTrue();
                expected.add(eventId);
            }
            assertThat(api.get("/api/v1/products/p-restart/recommendations").statusCode()).isEqualTo(200);
            HttpResponse<String> readiness = api.get("/actuator/health/readiness");
            assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
            HttpResponse<String> health = api.admin("GET", "/actuator/health", null);
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(TestApi.json(health).at("/components/spool/details/records").asLong()).isEqualTo(DURING_OUTAGE);

            kafka.restart();

            try (var reader = new TopicReader<>(kafka.endpoint(), "shop.events.v1", Contract.SHOP_EVENT)) {
                reader.await(e -> user.equals(e.userId()), m -> m.size() >= expected.size(), Duration.ofSeconds(60));
                // Anything sent twice would arrive right behind; a short extra window catches it.
                List<UUID> arrived = reader.collect(e -> user.equals(e.userId()), Duration.ofSeconds(3)).stream()
                        .map(ShopEvent::eventId).toList();
                assertThat(arrived).containsExactlyElementsOf(expected);
            }
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (TestApi.json(api.admin("GET", "/actuator/health", null)).at("/components/spool/details/records").asLong() > 0 && System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            assertThat(TestApi.json(api.admin("GET", "/actuator/health", null)).at("/components/spool/details/records").asLong()).isZero();
        }
    }
}
