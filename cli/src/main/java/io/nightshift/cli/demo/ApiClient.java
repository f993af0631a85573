package io.nightshift.cli.demo;

import io.nightshift.schemas.codec.ContractCodec;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The online API as the CLI and the end-to-end tests use it: plain HTTP, JSON in and out. */
public final class ApiClient {

    public static final String DEMO_TOKEN = "nightshift-demo-token";
    /** The demo's shop-backend key for catalog writes ({@code nightshift.catalog.api-keys}). */
    public static final String DEMO_CATALOG_KEY = "nightshift-demo-catalog-key";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String baseUrl;
    private final String adminToken;

    private final String catalogKey;

    public ApiClient(String baseUrl, String adminToken) {
        this(baseUrl, adminToken, catalogKeyFromEnvironment());
    }

    public ApiClient(String baseUrl, String adminToken, String catalogKey) {
        this.baseUrl = baseUrl;
        this.adminToken = adminToken;
        this.catalogKey = catalogKey;
    }

    /** {@code NIGHTSHIFT_CATALOG_API_KEY}, for an import into a shop whose key is not the demo's. */
    private static String catalogKeyFromEnvironment() {
        String key = System.getenv("NIGHTSHIFT_CATALOG_API_KEY");
        return key == null || key.isBlank() ? DEMO_CATALOG_KEY : key.strip();
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ContractCodec.MAPPER.writeValueAsBytes(body))));
    }

    public Response put(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(ContractCodec.MAPPER.writeValueAsBytes(body))));
    }

    /** The owner's token this client sends (Prometheus' scrape uses the same). */
    public String adminToken() {
        return adminToken;
    }

    public String url(String path) {
        return baseUrl + path;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (path.startsWith("/api/v1/admin/")) {
            builder.header("Authorization", "Bearer " + adminToken);
        } else if (path.startsWith("/api/v1/catalog") || (path.startsWith("/api/v1/products/") && !path.contains("/recommendations"))) {
            builder.header("X-Api-Key", catalogKey);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("the online API at " + baseUrl + " did not answer " + request.method() + " "
                    + request.uri().getPath() + " (" + e.getMessage() + "); is the stack running? try ./nightshift status", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** An HTTP answer; {@link #json()} parses the body. */
    public record Response(int status, String body) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public JsonNode json() {
            return ContractCodec.MAPPER.readTree(body);
        }
    }
}
