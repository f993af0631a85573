package io.nightshift.cli.bench;

/**
 * Two scrapes of the online API's {@code /actuator/prometheus}, shaped as Micrometer writes them
 * (bucket bounds cut down to a few). Between them: product/batch answered 100 times (50 ≤ 1 ms,
 * 40 in (1, 2] ms, 9 in (2, 5] ms, 1 above 5 ms), product/popular 10 times (all in (2, 5] ms),
 * product/last-known-good once, user/batch not at all; Spring's request timer counted 111
 * recommendation requests taking 0.334 s together, and 3 event batches that do not count.
 */
final class PrometheusPages {

    static final String BEFORE = """
            # HELP http_server_requests_seconds
            # TYPE http_server_requests_seconds summary
            http_server_requests_seconds_count{error="none",exception="none",method="GET",outcome="SUCCESS",status="200",uri="/api/v1/products/{productId}/recommendations"} 45
            http_server_requests_seconds_sum{error="none",exception="none",method="GET",outcome="SUCCESS",status="200",uri="/api/v1/products/{productId}/recommendations"} 0.09
            http_server_requests_seconds_count{error="none",exception="none",method="POST",outcome="SUCCESS",status="202",uri="/api/v1/events"} 3
            http_server_requests_seconds_sum{error="none",exception="none",method="POST",outcome="SUCCESS",status="202",uri="/api/v1/events"} 0.3
            # HELP http_server_requests_seconds_max
            # TYPE http_server_requests_seconds_max gauge
            http_server_requests_seconds_max{error="none",exception="none",method="GET",outcome="SUCCESS",status="200",uri="/api/v1/products/{productId}/recommendations"} 0.004
            # HELP nightshift_reco_latency_seconds time to answer a recommendation request, by the tier that answered
            # TYPE nightshift_reco_latency_seconds histogram
            nightshift_reco_latency_seconds_bucket{endpoint="product",tier="batch",le="1.0E-4"} 0
            nightshift_reco_latency_seconds_bucket{endpoint="product",tier="batch",le="0.001"} 10
            nightshift_reco_latency_seconds_bucket{endpoint="product",tier="batch",le="0.002"} 30
            nightshift_reco_latency_seconds_bucket{endpoint="product",tier="batch",le="0.005"} 40
            nightshift_reco_latency_seconds_bucket{endpoint="product",tier="batch",le="+Inf"} 40
            nightshift_reco_latency_seconds_count{endpoint="product",tier="batch"} 40
            nightshift_reco_latency_seconds_sum{endpoint="product",tier="batch"} 0.06
            nightshift_reco_latency_seconds_bucket{endpoint="product",tier="popular",le="1.0E-4"} 0
            nightshift_reco_latency_seconds_bucket{endpoint="product",tier="popular",le="0.001"} 5
            nightshift_reco_latency_seconds_bucket{endpoint="product",tier="popular",le="0.002"} 5
            nightshift_reco_latency_seconds_bucket{endpoint="product",tier="popular",le="0.005"} 5
            nightshift_reco_latency_seconds_bucket{endpoint="product",tier="popular",le="+Inf"} 5
            nightshift_reco_latency_seconds_count{endpoint="product",tier="popular"} 5
            nightshift_reco_latency_seconds_sum{endpoint="product",tier="popular"} 0.004
            nightshift_reco_latency_seconds_bucket{endpoint="product",tier="last-known-good",le="1.0E-4"} 0
            nightshift_reco_latency_seconds_bucket{endpoint="product",tier="last-known-good",le="0.001"} 0
            nightshift_reco_latency_seconds_bucket{endpoint="product",tier="last-known-good",le="0.002"} 0
            nightshift_reco_latency_seconds_bucket{endpoint="product",tier="last-known-good",le="0.005"} 0
            nightshift_reco_latency_seconds_bucket{endpoint="product",tier="last-known-good",le="+Inf"} 0
            nightshift_reco_latency_seconds_count{endpoint="product",tier="last-known-good"} 0
            nightshift_reco_latency_seconds_sum{endpoint="product",tier="last-known-good"} 0.0
            nightshift_reco_latency_seconds_bucket{endpoint="user",tier="batch",le="1.0E-4"} 1
            nightshift_reco_latency_seconds_bucket{endpoint="user",tier="batch",le="0.001"} 2
            nightshift_reco_latency_seconds_bucket{endpoint="user",tier="batch",le="0.002"} 2
            nightshift_reco_latency_seconds_bucket{endpoint="user",tier="batch",le="0.005"} 2
            nightshift_reco_latency_seconds_bucket{endpoint="user",tier="batch",le="+Inf"} 2
            nightshift_reco_latency_seconds_count{endpoint="user",tier="batch"} 2
            nightshift_reco_latency_seconds_sum{endpoint="user",tier="batch"} 0.0011
            """;

    static final String AFTER = """
            # HELP http_server_requests_seconds
            # TYPE http_server_requests_seconds summary
            http_server_requests_seconds_count{error="none",exception="none",method="GET",outcome="SUCCESS",status="200",uri="/api/v1/products/{productId}/recommendations"} 155
            http_server_requests_seconds_sum{error="none",exception="none",method="GET",outcome="SUCCESS",status="200",uri="/api/v1/products/{productId}/recommendations"} 0.423
            http_server_requests_seconds_count{error="none",exception="none",method="GET",outcome="CLIENT_ERROR",status="400",uri="/api/v1/users/{userId}/recommendations"} 1
            http_server_requests_seconds_sum{error="none",exception="none",method="GET",outcome="CLIENT_ERROR",status="400",uri="/api/v1/users/{userId}/recommendations"} 0.001
            http_server_requests_seconds_count{error="none",exception="none",method="POST",outcome="SUCCESS",status="202",uri="/api/v1/events"} 6
            http_server_requests_seconds_sum{error="none",exception="none",method="POST",outcome="SUCCESS",status="202",uri="/api/v1/events"} 0.6
            # HELP http_server_requests_seconds_max
            # TYPE http_server_requests_seconds_max gauge
            http_server_requests_seconds_max{error="none",exception="none",method="GET",outcome="SUCCESS",status="200",uri="/api/v1/products/{productId}/recommendations"} 0.006
            # HELP nightshift_reco_latency_seconds time to answer a recommendation request, by the tier that answered
            # TYPE nightshift_reco_latency_seconds histogram
            nightshift_reco_latency_seconds_bucket{endpoint="product",tier="batch",le="1.0E-4"} 0
            nightshift_reco_latency_seconds_bucket{endpoint="product",tier="batch",le="0.001"} 60
            nightshift_reco_latency_seconds_bucket{endpoint="product",tier="batch",le="0.002"} 120
            nightshift_reco_latency_seconds_bucket{endpoint="product",tier="batch",le="0.005"} 139
            nightshift_reco_latency_seconds_bucket{endpoint="product",tier="batch",le="+Inf"} 140
            nightshift_reco_latency_seconds_count{endpoint="product",tier="batch"} 140
            nightshift_reco_latency_seconds_sum{endpoint="product",tier="batch"} 0.26
            nightshift_reco_latency_seconds_bucket{endpoint="product",tier="popular",le="1.0E-4"} 0
            nightshift_reco_latency_seconds_bucket{endpoint="product",tier="popular",le="0.001"} 5
            nightshift_reco_latency_seconds_bucket{endpoint="product",tier="popular",le="0.002"} 5
            nightshift_reco_latency_seconds_bucket{endpoint="product",tier="popular",le="0.005"} 15
            nightshift_reco_latency_seconds_bucket{endpoint="product",tier="popular",le="+Inf"} 15
            nightshift_reco_latency_seconds_count{endpoint="product",tier="popular"} 15
            nightshift_reco_latency_seconds_sum{endpoint="product",tier="popular"} 0.034
            nightshift_reco_latency_seconds_bucket{endpoint="product",tier="last-known-good",le="1.0E-4"} 0
            nightshift_reco_latency_seconds_bucket{endpoint="product",tier="last-known-good",le="0.001"} 0
            nightshift_reco_latency_seconds_bucket{endpoint="product",tier="last-known-good",le="0.002"} 1
            nightshift_reco_latency_seconds_bucket{endpoint="product",tier="last-known-good",le="0.005"} 1
            nightshift_reco_latency_seconds_bucket{endpoint="product",tier="last-known-good",le="+Inf"} 1
            nightshift_reco_latency_seconds_count{endpoint="product",tier="last-known-good"} 1
            nightshift_reco_latency_seconds_sum{endpoint="product",tier="last-known-good"} 0.0015
            nightshift_reco_latency_seconds_bucket{endpoint="user",tier="batch",le="1.0E-4"} 1
            nightshift_reco_latency_seconds_bucket{endpoint="user",tier="batch",le="0.001"} 2
            nightshift_reco_latency_seconds_bucket{endpoint="user",tier="batch",le="0.002"} 2
            nightshift_reco_latency_seconds_bucket{endpoint="user",tier="batch",le="0.005"} 2
            nightshift_reco_latency_seconds_bucket{endpoint="user",tier="batch",le="+Inf"} 2
            nightshift_reco_latency_seconds_count{endpoint="user",tier="batch"} 2
            nightshift_reco_latency_seconds_sum{endpoint="user",tier="batch"} 0.0011
            """;

    private PrometheusPages() {
    }

    static ServerLatency between() {
        return ServerLatency.between(PrometheusText.parse(BEFORE), PrometheusText.parse(AFTER));
    }
}
