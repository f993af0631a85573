package io.nightshift.onlineapi.web;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Cross-origin calls are closed unless {@code nightshift.http.cors-allowed-origins} names the shop's
 * own site: a page elsewhere must not read answers with a visitor's browser, nor send writes with
 * the credentials a browser holds. Configured, those origins may call {@code /api/v1/**} (not the
 * admin API, whose token should never sit in a third-party page). A refused cross-origin request
 * is a 403 problem like every other error.
 */
@Configuration(proxyBeanMethods = false)
class CrossOrigin implements WebMvcConfigurer {

    private final HttpProperties properties;

    CrossOrigin(HttpProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        if (properties.corsAllowedOrigins().isEmpty()) {
            return;
        }
        String[] origins = properties.corsAllowedOrigins().toArray(String[]::new);
        registry.addMapping("/api/v1/admin/**").allowedOrigins().allowedMethods();
        registry.addMapping("/api/v1/**")
                .allowedOrigins(origins)
                .allowedMethods("GET", "HEAD", "POST", "PUT", "DELETE")
                .allowedHeaders(HttpHeaders.CONTENT_TYPE, HttpHeaders.AUTHORIZATION, "X-Api-Key", RequestLog.HEADER)
                .exposedHeaders(RequestLog.HEADER, HttpHeaders.RETRY_AFTER, "Nightshift-Spooled")
                .allowCredentials(false)
                .maxAge(600);
    }

    @Bean
    static BeanPostProcessor problemCorsRejection() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof AbstractHandlerMapping mapping) {
                    mapping.setCorsProcessor(new ProblemCorsProcessor());
                }
                return bean;
            }
        };
    }

    /** Spring's CORS checks, with the refusal written as a problem detail instead of plain text. */
    private static final class ProblemCorsProcessor extends DefaultCorsProcessor {

        @Override
        protected void rejectRequest(ServerHttpResponse response) throws IOException {
            response.setStatusCode(HttpStatus.FORBIDDEN);
            response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            response.getBody().write(Problems.json(403, "Cross-origin request refused",
                    "this origin may not call the API from a browser; see nightshift.http.cors-allowed-origins").getBytes(StandardCharsets.UTF_8));
            response.flush();
        }
    }
}
