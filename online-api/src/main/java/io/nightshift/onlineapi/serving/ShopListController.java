package io.nightshift.onlineapi.serving;

import io.nightshift.onlineapi.web.RequestLog;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The shop's own lists, for pages without a product or a shopper. 200 whatever is away; only bad input is a 4xx. */
@RestController
@RequestMapping("/api/v1/recommendations")
class ShopListController {

    private final ShopLists lists;
    private final ServedEvents servedEvents;
    private final ServingProperties properties;
    private final ServingMetrics metrics;

    ShopListController(ShopLists lists, ServedEvents servedEvents, ServingProperties properties, ServingMetrics metrics) {
        this.lists = lists;
        this.servedEvents = servedEvents;
        this.properties = properties;
        this.metrics = metrics;
    }

    @Operation(summary = "The shop's popular products, or a category's trending ones",
            description = "Tier popular; with category= that category's trending set (tier trending). Never unavailable or deleted "
                    + "products. Empty when the owner switched the tier off; last-known-good (the list as last read, or empty) while "
                    + "Redis is away.")
    @GetMapping("/popular")
    Recommendation popular(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String category,
                           @RequestAttribute(name = RequestLog.REQUEST_ID, required = false) String requestId) {
        long start = System.nanoTime();
        int checkedLimit = properties.checkedLimit(limit);
        Recommendation answer = lists.popular(Filters.fromQuery(category, null).category(), checkedLimit, requestId);
        served(ServingMetrics.Endpoint.POPULAR, answer, start);
        return answer;
    }

    @Operation(summary = "The newest products of the catalog",
            description = "Tier latest: products by when they first appeared in the catalog (the first upsert), newest first; only "
                    + "a category's with category=. Scores say only the order (1, 1/2, 1/3, ...). Never unavailable or deleted products. "
                    + "Empty when the owner switched the tier off; last-known-good (the list as last read, or empty) while Redis is away.")
    @GetMapping("/latest")
    Recommendation latest(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String category,
                          @RequestAttribute(name = RequestLog.REQUEST_ID, required = false) String requestId) {
        long start = System.nanoTime();
        int checkedLimit = properties.checkedLimit(limit);
        Recommendation answer = lists.latest(Filters.fromQuery(category, null).category(), checkedLimit, requestId);
        served(ServingMetrics.Endpoint.LATEST, answer, start);
        return answer;
    }

    /** Recorded like a "for you" list: the first item served stands for the page (there is no product or shopper). */
    private void served(ServingMetrics.Endpoint endpoint, Recommendation answer, long start) {
        servedEvents.served(answer, answer.items().isEmpty() ? null : answer.items().getFirst().productId(), null, null);
        metrics.answered(endpoint, answer, System.nanoTime() - start);
    }
}
