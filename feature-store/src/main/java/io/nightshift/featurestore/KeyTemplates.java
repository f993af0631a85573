package io.nightshift.featurestore;

import io.nightshift.schemas.redis.RedisKeys;

/**
 * Keys whose variable part is only known inside Redis (the served version, the product's
 * category) or must be parsed back out of a SCAN result. They are produced by
 * {@link RedisKeys} with a slot character in place of the unknown part, so the layout stays
 * defined in {@code RedisKeys} alone; the Lua scripts replace the slot.
 */
final class KeyTemplates {

    /** Cannot occur in a model version, category or product id (the schemas' patterns forbid control characters). */
    static final String SLOT = "\u0000";
    /** A template's second open part, where it has two (same guarantee as {@link #SLOT}). */
    static final String SECOND_SLOT = "\u0001";

    private KeyTemplates() {
    }

    /** The version-list key of one product, with the version left open. */
    static String versionListOf(String productId) {
        return RedisKeys.versionList(SLOT, productId);
    }

    /** The version-list key of any product: the version in {@link #SLOT}, the product in {@link #SECOND_SLOT}. */
    static String versionListOfAny() {
        return RedisKeys.versionList(SLOT, SECOND_SLOT);
    }

    /** The fresh-list key, with the product left open. */
    static String freshList() {
        return RedisKeys.freshList(SLOT);
    }

    /** The product hash key, with the product left open. */
    static String product() {
        return RedisKeys.product(SLOT);
    }

    /** The "for you" list key of one shopper, with the version left open. */
    static String userVersionListOf(String userId) {
        return RedisKeys.userVersionList(SLOT, userId);
    }

    /** The trending key, with the category left open. */
    static String trending() {
        return RedisKeys.trending(SLOT);
    }

    /** A category's newest-products key, with the category left open. */
    static String latestInCategory() {
        return RedisKeys.latestInCategory(SLOT);
    }

    /** The version meta key, with the version left open. */
    static String versionMeta() {
        return RedisKeys.versionMeta(SLOT);
    }

    /** The model version in a version meta key, or null when the key is not one. */
    static String versionOfMetaKey(String key) {
        String template = versionMeta();
        int slot = template.indexOf(SLOT);
        String prefix = template.substring(0, slot);
        String suffix = template.substring(slot + SLOT.length());
        if (!key.startsWith(prefix) || !key.endsWith(suffix) || key.length() <= prefix.length() + suffix.length()) {
            return null;
        }
        return key.substring(prefix.length(), key.length() - suffix.length());
    }

    /** The model version in a version-list key, or null when the key is not one. Versions never contain the separator. */
    static String versionOfListKey(String key) {
        return versionOf(key, RedisKeys.versionList(SLOT, SECOND_SLOT));
    }

    /** The model version in a user's "for you" list key, or null when the key is not one. */
    static String versionOfUserListKey(String key) {
        return versionOf(key, RedisKeys.userVersionList(SLOT, SECOND_SLOT));
    }

    /** The model version in a product or user list key, or null when the key is neither. */
    static String versionOfAnyListKey(String key) {
        String version = versionOfListKey(key);
        return version != null ? version : versionOfUserListKey(key);
    }

    /** The version part of a key laid out as {@code template}: prefix, version (SLOT), separator, the rest (SECOND_SLOT). */
    private static String versionOf(String key, String template) {
        int first = template.indexOf(SLOT);
        int second = template.indexOf(SECOND_SLOT);
        String prefix = template.substring(0, first);
        String separator = template.substring(first + SLOT.length(), second);
        if (!key.startsWith(prefix)) {
            return null;
        }
        int end = key.indexOf(separator, prefix.length());
        return end <= prefix.length() ? null : key.substring(prefix.length(), end);
    }
}
