package io.nightshift.cli.referee;

import java.util.List;

/**
 * What the serving path answered for one test user, as a shopper sees it.
 *
 * @param productIds the recommended products, best first
 * @param tier       the tier that answered ({@code batch}, {@code fresh}, {@code trending}, {@code popular}, ...)
 */
public record ServedList(List<String> productIds, String tier) {

    public ServedList {
        productIds = List.copyOf(productIds);
    }
}
