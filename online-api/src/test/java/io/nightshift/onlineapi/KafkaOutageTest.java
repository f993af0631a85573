package io.nightshift.onlineapi;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.event.ShopEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@RealServers
class KafkaOutageTest {

    private static KafkaEndpoint nowhere() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return new KafkaEndpoint("127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("with Kafka away, shoppers are answered at once, events are spooled (a full spool is a 503), and the spool reaches Kafka after a restart")
    void keepsServingAndSpools(KafkaEndpoint kafka, RedisEndpoint redis) {
        String spoolDir = "--nightshift.spool.dir=target/spool/outage-" + UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        String event = """
                {"eventId":"%s","schemaVersion":2,"type":"view","sessionId":"s-outage","productId":"p-1","occurredAt":"%s"}"""
                .formatted(eventId, Instant.now());

        try (TestApi away = TestApi.start(nowhere(), redis, spoolDir, "--nightshift.spool.max-size=1KB", "--nightshift.kafka.max-block=1s")) {
            // The first request of a fresh JVM pays for class loading and JIT; the claim is about the steady state.
            assertThat(away.get("/api/v1/products/p-warm-up/recommendations").statusCode()).isEqualTo(200);
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                HttpResponse<String> answer = away.get("/api/v1/products/p-outage-" + i + "/recommendations?userId=u-1");
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            }
            HttpResponse<String> spooled = away.send("POST", "/api/v1/events", event);
            assertThat(spooled.statusCode()).as(spooled.body()).isEqualTo(202);
            assertThat(TestApi.json(spooled).get("spooled").asBoolean()).isTrue();

            // One event is about 260 bytes spooled: five more do not fit in 1 KB, and the client is told to come back.
            String batch = "[" + String.join(",", java.util.Collections.nCopies(5, event.replace(eventId.toString(), "%s")))
                    .formatted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()) + "]";
            HttpResponse<String> full = away.send("POST", "/api/v1/events", batch);
            assertThat(full.statusCode()).as(full.body()).isEqualTo(503);
            assertThat(full.headers().firstValue("Retry-After")).isPresent();
            assertThat(full.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));

            HttpResponse<String> command = away.admin("POST", "/api/v1/admin/runs", null);
            assertThat(command.statusCode()).isEqualTo(503);
            assertThat(command.headers().firstValue("Retry-After")).isPresent();
        }

        try (TestApi back = TestApi.start(kafka, redis, spoolDir);
             var reader = new TopicReader<>(kafka, "shop.events.v1", Contract.SHOP_EVENT)) {
            List<ShopEvent> delivered = reader.await(e -> eventId.equals(e.eventId()), m -> !m.isEmpty(), Duration.ofSeconds(30));
            assertThat(delivered).hasSize(1);
            assertThat(back.get("/actuator/health").statusCode()).isEqualTo(200);
        }
    }
}
