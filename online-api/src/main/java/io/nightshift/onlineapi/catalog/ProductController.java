package io.nightshift.onlineapi.catalog;

import io.nightshift.featurestore.CatalogCache;
import io.nightshift.featurestore.FeatureStoreUnavailableException;
import io.nightshift.onlineapi.web.Ids;
import io.nightshift.schemas.catalog.Product;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A product as the shop last described it (the Redis projection of the catalog topic), for pages that show names. */
@RestController
class ProductController {

    private final CatalogCache catalog;

    ProductController(CatalogCache catalog) {
        this.catalog = catalog;
    }

    @Operation(summary = "Read a product", description = "404 when the catalog does not know it; 503 with Retry-After while Redis is unreachable.")
    @GetMapping("/api/v1/products/{productId}")
    ResponseEntity<Object> get(@PathVariable String productId) {
        String id = Ids.require("productId", productId);
        try {
            return catalog.product(id)
                    .<ResponseEntity<Object>>map(ResponseEntity::ok)
                    .orElseGet(() -> problem(HttpStatus.NOT_FOUND, "Unknown product", "no product '" + id + "' in the catalog"));
        } catch (FeatureStoreUnavailableException e) {
            ResponseEntity<Object> unavailable = problem(HttpStatus.SERVICE_UNAVAILABLE, "Catalog unavailable",
                    "the catalog cache is unreachable; recommendations still answer, product details will be back shortly");
            return ResponseEntity.status(unavailable.getStatusCode()).header(HttpHeaders.RETRY_AFTER, "5").body(unavailable.getBody());
        }
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return ResponseEntity.status(status).body(problem);
    }
}
