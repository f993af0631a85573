package io.nightshift.featurestore;

import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.catalog.Product;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@RealServers
class CatalogProjectionTest {

    private FeatureStore store;

    @BeforeEach
    void connect(RedisEndpoint endpoint) {
        store = TestRedis.of(endpoint).wiped().store();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void storesAndReadsBackAProductsMetadata() {
        var product = new Product("p-1", "Trail shoe", "shoes", 89.9, true);

        store.catalog().putProduct(product);

        assertThat(store.catalog().product("p-1")).contains(product);
    }

    @Test
    void keepsAnUnknownPriceUnknown() {
        var product = new Product("p-2", "Sock", "socks", null, false);

        store.catalog().putProduct(product);

        assertThat(store.catalog().product("p-2")).contains(product);
    }

    @Test
    void anUpdateReplacesTheWholeProduct() {
        store.catalog().putProduct(new Product("p-3", "Old name", "shoes", 10.0, true));

        store.catalog().putProduct(new Product("p-3", "New name", "boots", null, false));

        assertThat(store.catalog().product("p-3")).contains(new Product("p-3", "New name", "boots", null, false));
    }

    @Test
    void aDeletedProductIsGone() {
        store.catalog().putProduct(new Product("p-4", "Hat", "hats", 5.0, true));

        store.catalog().deleteProduct("p-4");

        assertThat(store.catalog().product("p-4")).isEmpty();
    }
}
