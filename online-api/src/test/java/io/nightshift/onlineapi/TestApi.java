package io.nightshift.onlineapi;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.schemas.codec.ContractCodec;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The application on a random port against real servers, driven over real HTTP. */
final class TestApi implements AutoCloseable {

    static final String TOKEN = "nightshift-demo-token";
    static final String CATALOG_KEY = "nightshift-demo-catalog-key";

    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    private TestApi(ConfigurableApplicationContext context) {
        this.context = context;
        this.base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    static TestApi start(KafkaEndpoint kafka, RedisEndpoint redis, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--server.tomcat.accept-count=1000",
                "--spring.main.banner-mode=off",
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--nightshift.redis.host=" + redis.host(),
                "--nightshift.redis.port=" + redis.port(),
                "--nightshift.redis.timeout=1s",
                // Tests fire bursts from one address; RateLimitAndLogsTest turns the limit back on.
                "--nightshift.rate-limit.enabled=false",
                "--nightshift.spool.dir=target/spool/" + java.util.UUID.randomUUID()));
        for (String override : extra) {
            // A repeated --key would be joined into a list; an extra argument replaces the default instead.
            String key = override.substring(0, override.indexOf('=') + 1);
            args.removeIf(arg -> arg.startsWith(key));
            args.add(override);
        }
        return new TestApi(new SpringApplicationBuilder(OnlineApiApplication.class).run(args.toArray(String[]::new)));
    }

    int port() {
        return Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    HttpResponse<String> admin(String method, String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A catalog write as the shop's backend sends it, with its API key. */
    HttpResponse<String> catalog(String method, String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("X-Api-Key", CATALOG_KEY).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> send(String method, String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    CompletableFuture<HttpResponse<String>> getAsync(String path) {
        return http.sendAsync(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path) {
        return URI.create(base + path);
    }

    static JsonNode json(HttpResponse<String> response) {
        return ContractCodec.MAPPER.readTree(response.body());
    }

    @Override
    public void close() {
        context.close();
    }
}
