package io.nightshift.onlineapi.serving;

import io.nightshift.onlineapi.web.Ids;
import io.nightshift.onlineapi.web.RequestLog;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The shopper-facing endpoints. They answer 200 whatever is away (laptop, model, Kafka, Redis); only bad input is a 4xx. */
@RestController
@RequestMapping("/api/v1")
class RecommendationController {

    static final String FILTERS = "Filters: category= keeps only that category's products (the trending tier is then the category's, "
            + "and fills the list up when the others are short of it); exclude= is up to 100 comma-separated product ids never "
            + "to return (what the page already shows). While Redis is away a list filtered to a category is empty "
            + "(last-known-good cannot check categories).";

    private final FallbackChain chain;
    private final ForYou forYou;
    private final ServedEvents servedEvents;
    private final ServingProperties properties;
    private final ServingMetrics metrics;

    RecommendationController(FallbackChain chain, ForYou forYou, ServedEvents servedEvents, ServingProperties properties,
                             ServingMetrics metrics) {
        this.chain = chain;
        this.forYou = forYou;
        this.servedEvents = servedEvents;
        this.properties = properties;
        this.metrics = metrics;
    }

    @Operation(summary = "Related products for a product page",
            description = "Answers from the first tier that has a list: batch, fresh, trending, popular, last-known-good (Redis away). "
                    + "Never the product itself, unavailable or deleted products, or what the user bought. "
                    + FILTERS)
    @GetMapping("/products/{productId}/recommendations")
    Recommendation forProduct(@PathVariable String productId,
                              @RequestParam(required = false) String userId,
                              @RequestParam(required = false) String sessionId,
                              @RequestParam(required = false) Integer limit,
                              @RequestParam(required = false) String category,
                              @RequestParam(required = false) String exclude,
                              @RequestAttribute(name = RequestLog.REQUEST_ID, required = false) String requestId) {
        long start = System.nanoTime();
        String product = Ids.require("productId", productId);
        String user = Ids.optional("userId", userId);
        String session = Ids.optional("sessionId", sessionId);
        int checkedLimit = properties.checkedLimit(limit);
        Recommendation answer = chain.forProduct(product, user, checkedLimit, requestId, Filters.fromQuery(category, exclude));
        servedEvents.served(answer, product, user, session);
        metrics.answered(ServingMetrics.Endpoint.PRODUCT, answer, System.nanoTime() - start);
        return answer;
    }

    @Operation(summary = "\"For you\": a user's personal list",
            description = "The user's list precomputed by the batch job under the served model version (tier batch; the cohort's pinned "
                    + "version, else the active one) when there is one. Without it, or to fill it up when filtering leaves it short: "
                    + "the cached lists of the user's recent items merged, then popular. Never what the user bought or recently viewed, "
                    + "nor unavailable or deleted products. A user with no history gets popular; last-known-good while Redis is away. "
                    + FILTERS)
    @GetMapping("/users/{userId}/recommendations")
    Recommendation forUser(@PathVariable String userId, @RequestParam(required = false) Integer limit,
                           @RequestParam(required = false) String category,
                           @RequestParam(required = false) String exclude,
                           @RequestAttribute(name = RequestLog.REQUEST_ID, required = false) String requestId) {
        long start = System.nanoTime();
        String user = Ids.require("userId", userId);
        int checkedLimit = properties.checkedLimit(limit);
        Recommendation answer = forYou.forUser(user, checkedLimit, requestId, Filters.fromQuery(category, exclude));
        String top = answer.items().isEmpty() ? null : answer.items().getFirst().productId();
        servedEvents.served(answer, top, user, null);
        metrics.answered(ServingMetrics.Endpoint.USER, answer, System.nanoTime() - start);
        return answer;
    }
}
