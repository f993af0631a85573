package io.nightshift.cli.demo;

import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractCodec;
import io.nightshift.schemas.event.ShopEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class DemoShopTest {

    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void theSameSeedGivesTheSameShopEventIdsIncluded() {
        assertThat(DemoShop.generate(42, 50, START)).isEqualTo(DemoShop.generate(42, 50, START));
        assertThat(DemoShop.generate(43, 50, START).events()).isNotEqualTo(DemoShop.generate(42, 50, START).events());
    }

    @Test
    void everyEventIsValidAndUniqueAndOnlyMentionsCatalogProducts() {
        DemoShop shop = DemoShop.generate(42, 3000, START);
        ContractCodec<ShopEvent> codec = ContractCodec.of(Contract.SHOP_EVENT);
        Set<String> ids = shop.products().stream().map(Product::productId).collect(Collectors.toSet());
        shop.events().forEach(event -> assertThat(codec.decode(codec.encode(event))).isEqualTo(event));
        assertThat(shop.events()).extracting(ShopEvent::eventId).doesNotHaveDuplicates();
        assertThat(shop.events()).extracting(ShopEvent::productId).allMatch(ids::contains);
        assertThat(shop.events()).hasSizeGreaterThan(25_000);
        assertThat(shop.products()).hasSize(2_880).extracting(Product::productId).doesNotHaveDuplicates();
        assertThat(shop.products()).filteredOn(p -> !p.available()).hasSize(2_880 / 97);
        assertThat(shop.products().getFirst().name()).isEqualTo("Alpine trail shoe");
    }

    @Test
    void theHistoryEndsWithinTenDaysOfItsStartSoNothingIsDatedInTheFuture() {
        DemoShop shop = DemoShop.generate(42, 3000, START);
        assertThat(shop.events()).extracting(ShopEvent::occurredAt)
                .allMatch(at -> !at.isBefore(START.minus(DemoShop.HISTORY)) && !at.isAfter(START.plus(DemoShop.HISTORY)))
                .isSorted();
    }

    @Test
    void shoppersBrowseBundlesSoTheShowcaseHasClearNeighbours() {
        DemoShop shop = DemoShop.generate(42, 3000, START);
        Map<String, Product> byId = shop.products().stream().collect(Collectors.toMap(Product::productId, p -> p));
        Map<String, Integer> sameUserCounts = new HashMap<>();
        Map<String, Set<String>> productsByUser = shop.events().stream().collect(Collectors.groupingBy(ShopEvent::userId,
                Collectors.mapping(ShopEvent::productId, Collectors.toSet())));
        String showcase = shop.showcaseProduct();
        productsByUser.values().stream().filter(products -> products.contains(showcase))
                .forEach(products -> products.stream().filter(p -> !p.equals(showcase))
                        .forEach(p -> sameUserCounts.merge(p, 1, Integer::sum)));
        String mostCoVisited = sameUserCounts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        // Same brand line, a neighbouring product type of the same bundle (socks or gaiters).
        assertThat(byId.get(mostCoVisited).category()).isEqualTo(byId.get(showcase).category());
        assertThat(byId.get(mostCoVisited).name()).startsWith("Alpine ").isIn("Alpine trail socks", "Alpine gaiters");
    }
}
