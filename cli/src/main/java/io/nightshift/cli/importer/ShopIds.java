package io.nightshift.cli.importer;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Source ids turned into shop ids the schemas accept ({@code [A-Za-z0-9._:@/+-]{1,128}}):
 * {@code prefix:} + the id, with runs of other characters replaced by {@code _}
 * ({@code whole milk} → {@code groceries:whole_milk}). Where that would make two different source
 * ids equal, or the id is too long, a short hash of the source id keeps them apart. The result
 * depends only on the ids met so far in file order, so every read of the same file maps alike.
 */
final class ShopIds {

    static final int MAX_LENGTH = 128;
    private static final Pattern OUTSIDE_ALPHABET = Pattern.compile("[^A-Za-z0-9._:@/+-]+");

    private final String prefix;
    private final Map<String, String> bySource = new HashMap<>();
    private final Set<String> taken = new HashSet<>();

    ShopIds(String prefix) {
        this.prefix = prefix.isEmpty() ? "" : prefix + ":";
    }

    String of(String source) {
        String known = bySource.get(source);
        if (known != null) {
            return known;
        }
        String id = prefix + OUTSIDE_ALPHABET.matcher(source).replaceAll("_");
        if (id.length() > MAX_LENGTH || taken.contains(id)) {
            String hash = "." + hash(source);
            id = id.substring(0, Math.min(id.length(), MAX_LENGTH - hash.length())) + hash;
        }
        bySource.put(source, id);
        taken.add(id);
        return id;
    }

    int size() {
        return bySource.size();
    }

    /** The prefix derived from a file name: {@code Groceries_dataset.csv} → {@code groceries_dataset}. */
    static String prefixOf(String fileName) {
        int dot = fileName.indexOf('.');
        String stem = dot > 0 ? fileName.substring(0, dot) : fileName;
        return OUTSIDE_ALPHABET.matcher(stem.toLowerCase()).replaceAll("_");
    }

    static void requireValidPrefix(String prefix) {
        if (prefix.length() > 40 || OUTSIDE_ALPHABET.matcher(prefix).find()) {
            throw new IllegalArgumentException("--prefix '" + prefix + "' must be at most 40 of the characters A-Z a-z 0-9 . _ : @ / + -");
        }
    }

    private static String hash(String source) {
        byte[] digest = UUID.nameUUIDFromBytes(source.getBytes(StandardCharsets.UTF_8)).toString().getBytes(StandardCharsets.US_ASCII);
        return new String(digest, 0, 8, StandardCharsets.US_ASCII);
    }
}
