package io.nightshift.e2e;

import io.nightshift.schemas.codec.ContractCodec;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Prometheus's instant-query API ({@code /api/v1/query}), as Grafana and the rule evaluator use it. */
final class PrometheusQuery {

    /** The answer: {@code error} set when Prometheus refused the expression, else the number of series. */
    record Answer(String error, int series) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String url;

    PrometheusQuery(String url) {
        this.url = url;
    }

    Answer ask(String query) {
        URI uri = URI.create(url + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = ContractCodec.MAPPER.readTree(response.body());
            if (!"success".equals(body.path("status").asString())) {
                return new Answer(body.path("error").asString(response.body()), 0);
            }
            JsonNode result = body.path("data").path("result");
            // A scalar (e.g. time()) is one value; a vector has one entry per series.
            return new Answer(null, "scalar".equals(body.path("data").path("resultType").asString()) ? 1 : result.size());
        } catch (IOException e) {
            return new Answer("no answer from " + url + ": " + e.getMessage(), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
