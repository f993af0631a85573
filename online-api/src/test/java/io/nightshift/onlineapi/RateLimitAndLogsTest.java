package io.nightshift.onlineapi;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.codec.ContractCodec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-client rate limits (behind a trusted proxy) and JSON request logs, on one application. */
@RealServers
@ExtendWith(OutputCaptureExtension.class)
class RateLimitAndLogsTest {

    private static HttpResponse<String> get(TestApi api, String path, String client, String requestId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path)).header("X-Forwarded-For", "198.51.100.7, " + client).GET();
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return api.send(request.build());
    }

    @Test
    @DisplayName("a client over its rate gets 429 problems with Retry-After; other clients, the admin API and actuator are unaffected; "
            + "request logs are JSON lines carrying the request id")
    void limitsEachClient(KafkaEndpoint kafka, RedisEndpoint redis, CapturedOutput output) {
        try (TestApi api = TestApi.start(kafka, redis,
                "--nightshift.rate-limit.enabled=true",
                "--nightshift.rate-limit.requests-per-second=0.5",
                "--nightshift.rate-limit.burst=3",
                "--nightshift.rate-limit.trust-forwarded-for=true",
                "--logging.structured.format.console=ecs")) {
            String path = "/api/v1/products/p-limit/recommendations";
            String greedy = "203.0.113." + (1 + (int) (Math.random() * 200));
            for (int i = 0; i < 3; i++) {
                assertThat(get(api, path, greedy, null).statusCode()).isEqualTo(200);
            }
            HttpResponse<String> refused = get(api, path, greedy, null);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("application/problem+json"));
            assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 2L));
            assertThat(TestApi.json(refused).get("status").asInt()).isEqualTo(429);
            HttpResponse<String> post = api.send(HttpRequest.newBuilder(api.uri("/api/v1/events")).header("X-Forwarded-For", greedy)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            assertThat(post.statusCode()).as("every public endpoint shares the client's bucket").isEqualTo(429);

            assertThat(get(api, path, "203.0.113.250", null).statusCode()).as("another client").isEqualTo(200);
            assertThat(api.admin("GET", "/api/v1/admin/laptop", null).statusCode()).isEqualTo(200);
            assertThat(api.get("/actuator/health").statusCode()).isEqualTo(200);
            assertThat(Prometheus.scrape(api).sum("nightshift_http_rate_limited_total")).isGreaterThanOrEqualTo(2);

            String requestId = "req-" + UUID.randomUUID();
            HttpResponse<String> traced = get(api, path, "203.0.113.251", requestId);
            assertThat(traced.statusCode()).isEqualTo(200);
            assertThat(traced.headers().firstValue("X-Request-Id")).contains(requestId);
            assertThat(TestApi.json(traced).get("requestId").asString()).as("the answer quotes the request's id").isEqualTo(requestId);
            JsonNode logLine = output.getOut().lines()
                    .filter(line -> line.startsWith("{") && line.contains(requestId) && line.contains("RequestLog"))
                    .map(ContractCodec.MAPPER::readTree)
                    .findFirst().orElseThrow(() -> new AssertionError("no JSON request log line with " + requestId));
            assertThat(logLine.get("requestId").asString()).isEqualTo(requestId);
            assertThat(logLine.get("message").asString()).contains("GET " + path + " -> 200");
        }
    }
}
