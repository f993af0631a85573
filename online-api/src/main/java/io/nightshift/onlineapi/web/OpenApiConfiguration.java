package io.nightshift.onlineapi.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI nightshiftOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Nightshift online API").version("v1")
                        .description("Recommendations with a fallback chain (batch, fresh, trending, popular, last-known-good), "
                                + "event and catalog ingestion, and the owner's admin API. Errors are RFC 9457 problem details."))
                .components(new Components()
                        .addSecuritySchemes("admin-token", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"))
                        .addSecuritySchemes("catalog-key", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-Api-Key")
                                .description("one of nightshift.catalog.api-keys (also accepted as Authorization: Bearer)")));
    }
}
