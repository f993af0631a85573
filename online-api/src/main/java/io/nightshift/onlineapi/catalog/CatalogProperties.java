package io.nightshift.onlineapi.catalog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * The shop backend's side of the catalog.
 *
 * @param apiKeys the keys that may write the catalog ({@code PUT}/{@code DELETE /api/v1/products/{id}},
 *                {@code POST /api/v1/catalog}), sent as {@code X-Api-Key} or {@code Authorization: Bearer}.
 *                A list so a key can be rotated without downtime: add the new one, move the backend
 *                over, remove the old one. The demo default must be replaced in production.
 */
@ConfigurationProperties("nightshift.catalog")
record CatalogProperties(@DefaultValue(CatalogProperties.DEMO_KEY) List<String> apiKeys) {

    static final String DEMO_KEY = "nightshift-demo-catalog-key";
    private static final int MIN_LENGTH = 16;

    CatalogProperties {
        if (apiKeys == null || apiKeys.isEmpty()) {
            throw new IllegalArgumentException("nightshift.catalog.api-keys needs at least one key: without one nobody could write the catalog");
        }
        for (int i = 0; i < apiKeys.size(); i++) {
            String key = apiKeys.get(i);
            // The message names the position, never the key: startup logs are read by more people than the key's owner.
            if (key == null || key.length() < MIN_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException("nightshift.catalog.api-keys[" + i + "] must be at least " + MIN_LENGTH
                        + " printable ASCII characters without spaces");
            }
        }
        apiKeys = List.copyOf(apiKeys);
    }
}
