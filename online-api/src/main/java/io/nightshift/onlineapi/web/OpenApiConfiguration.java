package io.nightshift.onlineapi.web;

import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The document at {@code /v3/api-docs}. Request bodies, answers and error codes come from
 * {@link ApiOperations} rather than from annotations on each controller: the controllers take
 * {@code JsonNode} (so bad input gets our field-naming 400 instead of a binding error), which
 * springdoc would otherwise describe by Jackson's internals.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String JSON = "application/json";
    private static final String PROBLEM = "application/problem+json";

    @Bean
    OpenAPI nightshiftOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Nightshift online API").version("v1")
                        .description("Recommendations with a fallback chain (batch, fresh, trending, popular, last-known-good), "
                                + "the shop's popular and latest products, related products for a basket, "
                                + "event and catalog ingestion, and the owner's admin API. Errors are RFC 9457 problem details."))
                .components(new Components()
                        .addSecuritySchemes("admin-token", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"))
                        .addSecuritySchemes("catalog-key", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-Api-Key")
                                .description("one of nightshift.catalog.api-keys (also accepted as Authorization: Bearer)")));
    }

    @Bean
    OpenApiCustomizer documentedAnswers() {
        return openApi -> {
            ApiSchemas.all().forEach(openApi.getComponents()::addSchemas);
            for (ApiOperations.Documented documented : ApiOperations.INTEGRATOR) {
                Operation operation = operation(openApi, documented.method(), documented.path());
                if (documented.request() != null) {
                    operation.setRequestBody(new RequestBody().required(true)
                            .content(content(JSON, documented.request())));
                }
                ApiResponse success = successOf(operation, documented);
                ApiResponses responses = new ApiResponses();
                responses.addApiResponse(Integer.toString(documented.successStatus()), success);
                new TreeMap<>(documented.errors()).forEach((status, cause) -> {
                    ApiResponse problem = problem(status, cause);
                    String example = ApiOperations.ERROR_EXAMPLES.get(documented.key() + " " + status);
                    if (example != null) {
                        problem.getContent().get(PROBLEM).setExample(ApiSchemas.resource(example));
                    }
                    responses.addApiResponse(status.toString(), problem);
                });
                operation.setResponses(responses);
            }
            openApi.getPaths().forEach((path, item) -> {
                if (path.startsWith("/api/v1/admin/")) {
                    item.readOperationsMap().forEach((method, operation) -> {
                        if (ApiOperations.INTEGRATOR.stream().noneMatch(d -> d.method().equals(method.name()) && d.path().equals(path))) {
                            Map<Integer, String> errors = method == PathItem.HttpMethod.GET ? ApiOperations.ADMIN_READ : ApiOperations.ADMIN_WRITE;
                            ApiResponse derived = operation.getResponses().get("200");
                            if (ApiOperations.ADMIN_COMMANDS.contains(method.name() + " " + path) && derived != null) {
                                operation.getResponses().remove("200");
                                operation.getResponses().addApiResponse("202", derived.description("the command is in reco.control.v1"));
                                operation.getResponses().addApiResponse("503", problem(503, ApiOperations.COMMAND_UNSENT));
                            }
                            Map<Integer, String> all = new TreeMap<>(errors);
                            all.putAll(ApiOperations.ADMIN_ERRORS.getOrDefault(method.name() + " " + path, Map.of()));
                            all.forEach((status, cause) -> operation.getResponses().addApiResponse(status.toString(), problem(status, cause)));
                        }
                    });
                }
            });
            // The controllers' JsonNode parameters are all described from the JSON Schemas now; Jackson's internals go.
            if (!Json31.pretty(openApi.getPaths()).contains("/schemas/JsonNode\"")) {
                openApi.getComponents().getSchemas().remove("JsonNode");
            }
        };
    }

    private static Operation operation(OpenAPI openApi, String method, String path) {
        PathItem item = openApi.getPaths() == null ? null : openApi.getPaths().get(path);
        Operation operation = item == null ? null : item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method));
        if (operation == null) {
            throw new IllegalStateException("ApiOperations documents " + method + " " + path + ", which no controller serves");
        }
        return operation;
    }

    /** The documented success answer; where the table gives no body, the one springdoc derived from the return type, relabelled. */
    private static ApiResponse successOf(Operation operation, ApiOperations.Documented documented) {
        if (documented.success() != null) {
            return new ApiResponse().description(documented.successDescription()).content(content(JSON, documented.success()));
        }
        ApiResponse derived = operation.getResponses() == null ? null : operation.getResponses().get(Integer.toString(documented.successStatus()));
        if (derived == null) {
            throw new IllegalStateException(documented.key() + ": springdoc derived no " + documented.successStatus() + " answer to keep");
        }
        Content content = new Content();
        String example = ApiOperations.SUCCESS_EXAMPLES.get(documented.key());
        derived.getContent().values().forEach(media -> content.addMediaType(JSON,
                example == null ? media : media.example(ApiSchemas.resource(example))));
        return derived.description(documented.successDescription()).content(content);
    }

    private static Content content(String mediaType, ApiOperations.Body body) {
        return new Content().addMediaType(mediaType, new MediaType()
                .schema(new Schema<>().$ref("#/components/schemas/" + body.schema()))
                .example(ApiSchemas.resource(body.example())));
    }

    private static ApiResponse problem(int status, String cause) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", Problems.type(status).toString());
        example.put("title", Problems.title(status));
        example.put("status", status);
        example.put("detail", cause);
        ApiResponse response = new ApiResponse().description(cause).content(new Content().addMediaType(PROBLEM, new MediaType()
                .schema(new Schema<>().$ref("#/components/schemas/Problem")).example(example)));
        if (status == 429 || status == 503) {
            response.addHeaderObject("Retry-After", new Header().description("seconds to wait before trying again")
                    .schema(ApiSchemas.schema(ApiSchemas.json("{\"type\": \"integer\", \"minimum\": 1}"))));
        }
        return response;
    }
}
