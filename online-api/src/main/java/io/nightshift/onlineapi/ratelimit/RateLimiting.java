package io.nightshift.onlineapi.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.nightshift.onlineapi.web.TooManyRequestsException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Duration;

/**
 * Limits each client on the public endpoints; over the limit is a 429 problem detail with
 * {@code Retry-After}. Runs before the body is read, so a refused request costs almost nothing.
 * The limit is per instance: with several instances a client gets that rate from each.
 */
@Configuration(proxyBeanMethods = false)
class RateLimiting implements WebMvcConfigurer {

    private final RateLimitProperties properties;
    private final ClientBuckets buckets;
    private final Counter refused;

    RateLimiting(RateLimitProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.buckets = new ClientBuckets(properties.requestsPerSecond(), properties.burst(), properties.maxClients(),
                properties.sweepEvery().toNanos(), System::nanoTime);
        this.refused = Counter.builder("nightshift.http.rate.limited").description("requests refused with 429").register(meters);
        Gauge.builder("nightshift.http.rate.clients", buckets, ClientBuckets::size).description("clients with a token bucket").register(meters);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        if (!properties.enabled()) {
            return;
        }
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                long wait = buckets.take(client(request));
                if (wait > 0) {
                    refused.increment();
                    throw new TooManyRequestsException("more than " + properties.requestsPerSecond() + " requests per second (burst "
                            + properties.burst() + ") from this client; retry later", Duration.ofNanos(wait));
                }
                return true;
            }
        }).addPathPatterns("/api/v1/**").excludePathPatterns("/api/v1/admin/**");
    }

    private String client(HttpServletRequest request) {
        if (properties.trustForwardedFor()) {
            String forwarded = request.getHeader("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                // The last entry was added by our proxy; earlier ones are whatever the client sent.
                String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).trim();
                if (!last.isEmpty()) {
                    return last;
                }
            }
        }
        return request.getRemoteAddr();
    }
}
