package io.nightshift.onlineapi.serving;

import io.nightshift.onlineapi.web.BadRequestException;
import io.nightshift.onlineapi.web.Ids;
import io.nightshift.onlineapi.web.RequestLog;
import io.nightshift.schemas.codec.Violation;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Related products for a basket: a read, so 200 whatever is away; only bad input is a 4xx. */
@RestController
@RequestMapping("/api/v1/recommendations")
class BasketController {

    /** At most this many products in one basket: more would be a bulk job, not a page. */
    static final int MAX_BASKET = 50;

    /**
     * @param productIds the basket: 1 to {@value #MAX_BASKET} product ids
     * @param userId     the shopper, so what they bought is left out (optional)
     * @param limit      items wanted (optional, default nightshift.serving.default-limit)
     * @param category   only this category's products (optional)
     * @param exclude    product ids never to return (optional, at most 100)
     */
    record BasketRequest(List<String> productIds, String userId, Integer limit, String category, List<String> exclude) {
    }

    private final Baskets baskets;
    private final ServedEvents servedEvents;
    private final ServingProperties properties;
    private final ServingMetrics metrics;

    BasketController(Baskets baskets, ServedEvents servedEvents, ServingProperties properties, ServingMetrics metrics) {
        this.baskets = baskets;
        this.servedEvents = servedEvents;
        this.properties = properties;
        this.metrics = metrics;
    }

    @Operation(summary = "Related products for a basket",
            description = "The lists of the basket's items merged (each item's best tier; the answer's tier is the best of them), "
                    + "filled up from the category's trending set (with category) and popular. Never an item in the basket, what the "
                    + "user bought, unavailable or deleted products. Recorded as reco_served for the basket's first item. "
                    + "Last-known-good popular while Redis is away.")
    @PostMapping(path = "/basket", consumes = MediaType.APPLICATION_JSON_VALUE)
    Recommendation basket(@RequestBody BasketRequest body,
                          @RequestAttribute(name = RequestLog.REQUEST_ID, required = false) String requestId) {
        long start = System.nanoTime();
        if (body == null) {
            throw BadRequestException.of("$.productIds", "the body must be a JSON object with productIds");
        }
        List<Violation> violations = new ArrayList<>();
        List<String> basket = checkedBasket(body.productIds(), violations);
        String user = check(violations, () -> Ids.optional("$.userId", body.userId()));
        Integer limit = check(violations, () -> checkedLimit(body.limit()));
        Filters filters = check(violations, () -> Filters.of("$.category", body.category(), "$.exclude", body.exclude()));
        if (!violations.isEmpty()) {
            throw new BadRequestException(violations);
        }
        Recommendation answer = baskets.forBasket(basket, user, limit, filters, requestId);
        servedEvents.served(answer, basket.getFirst(), user, null);
        metrics.answered(ServingMetrics.Endpoint.BASKET, answer, System.nanoTime() - start);
        return answer;
    }

    private int checkedLimit(Integer limit) {
        try {
            return properties.checkedLimit(limit);
        } catch (BadRequestException e) {
            throw BadRequestException.of("$.limit", e.violations().getFirst().message());
        }
    }

    private static List<String> checkedBasket(List<String> productIds, List<Violation> violations) {
        if (productIds == null || productIds.isEmpty() || productIds.size() > MAX_BASKET) {
            violations.add(new Violation("$.productIds", "1 to " + MAX_BASKET + " product ids, was "
                    + (productIds == null ? "none" : productIds.size())));
            return List.of();
        }
        var basket = new LinkedHashSet<String>();
        for (int i = 0; i < productIds.size(); i++) {
            int index = i;
            String id = check(violations, () -> Ids.require("$.productIds[" + index + "]", productIds.get(index)));
            if (id != null) {
                basket.add(id);
            }
        }
        return List.copyOf(basket);
    }

    /** The value, or null with the violations added: every field is checked, so one answer names them all. */
    private static <T> T check(List<Violation> violations, java.util.function.Supplier<T> checked) {
        try {
            return checked.get();
        } catch (BadRequestException e) {
            violations.addAll(e.violations());
            return null;
        }
    }
}
