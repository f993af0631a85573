package io.nightshift.featurestore;

import io.nightshift.schemas.catalog.Product;
import io.nightshift.schemas.redis.RedisKeys;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static io.nightshift.featurestore.Arguments.requireId;
import static io.nightshift.featurestore.Replies.bytes;

/** {@link CatalogCache} as one hash per product; the hash's layout is defined here alone, the serving reads decode it with {@link #toProduct}. */
final class RedisCatalogCache implements CatalogCache {

    private static final String AVAILABLE = "1";
    private static final String UNAVAILABLE = "0";

    private static final LuaScript PUT_PRODUCT = LuaScript.load("put-product.lua", "shared.lua");
    private static final LuaScript DELETE_PRODUCT = LuaScript.load("delete-product.lua", "shared.lua");

    private final RedisConnection redis;

    RedisCatalogCache(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public void putProduct(Product product) {
        putProduct(product, redis.clock().instant());
    }

    @Override
    public void putProduct(Product product, Instant appearedAt) {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(appearedAt, "appearedAt");
        String key = RedisKeys.product(requireId(product.productId(), "productId"));
        var fields = new HashMap<String, String>();
        if (product.name() != null) {
            fields.put("name", product.name());
        }
        if (product.category() != null) {
            fields.put("category", product.category());
        }
        if (product.price() != null) {
            fields.put("price", Double.toString(product.price()));
        }
        fields.put("available", product.available() ? AVAILABLE : UNAVAILABLE);
        List<byte[]> args = new ArrayList<>(List.of(bytes(KeyTemplates.SLOT), bytes(KeyTemplates.latestInCategory()),
                bytes(product.productId()), bytes(Long.toString(appearedAt.toEpochMilli()))));
        // The whole hash is replaced (DEL first), so a field the new version no longer has (a removed price) does not linger.
        fields.forEach((field, value) -> {
            args.add(bytes(field));
            args.add(bytes(value));
        });
        redis.run(PUT_PRODUCT, List.of(bytes(key), bytes(RedisKeys.latest())), args);
    }

    @Override
    public void deleteProduct(String productId) {
        String key = RedisKeys.product(requireId(productId, "productId"));
        redis.run(DELETE_PRODUCT, List.of(bytes(key), bytes(RedisKeys.latest())),
                List.of(bytes(KeyTemplates.SLOT), bytes(KeyTemplates.latestInCategory()), bytes(productId)));
    }

    @Override
    public Optional<Product> product(String productId) {
        String key = RedisKeys.product(requireId(productId, "productId"));
        return toProduct(productId, redis.call(jedis -> jedis.hgetAll(key)), redis.unreadable());
    }

    @Override
    public Map<String, String> categories(Collection<String> productIds) {
        List<String> ids = productIds.stream().distinct().map(id -> requireId(id, "productId")).toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<Response<String>> replies = new ArrayList<>(ids.size());
        redis.call(jedis -> {
            try (AbstractPipeline pipeline = jedis.pipelined()) {
                for (String id : ids) {
                    replies.add(pipeline.hget(RedisKeys.product(id), "category"));
                }
                pipeline.sync();
            }
            return null;
        });
        Map<String, String> categories = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            String category = replies.get(i).get();
            if (category != null) {
                categories.put(ids.get(i), category);
            }
        }
        return categories;
    }

    /** The product a hash written by {@link #putProduct} describes; empty for an empty hash (no such product). */
    static Optional<Product> toProduct(String productId, Map<String, String> hash, UnreadableValues unreadable) {
        if (hash.isEmpty()) {
            return Optional.empty();
        }
        String available = hash.get("available");
        return Optional.of(new Product(productId, hash.get("name"), hash.get("category"),
                unreadable.finiteOrNull(hash.get("price"), "price of product " + productId),
                AVAILABLE.equals(available) || "true".equals(available)));
    }
}
