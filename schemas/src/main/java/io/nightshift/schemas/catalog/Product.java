package io.nightshift.schemas.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A product as the catalog describes it.
 *
 * @param productId the shop's own id
 * @param name      display name
 * @param category  the category trending lists are kept for
 * @param price     price in the shop's currency, or {@code null} when unknown
 * @param available whether it can be bought now; unavailable products are never recommended
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Product(String productId, String name, String category, Double price, boolean available) {
}
