package io.nightshift.onlineapi.serving;

import io.nightshift.onlineapi.web.BadRequestException;
import io.nightshift.onlineapi.web.Ids;
import io.nightshift.schemas.codec.Violation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The integrator's filters on a list: only products of one category, never the excluded ones
 * (what the page already shows, the basket). Checked at the edge like every id; a bad value is a
 * 400 naming the field.
 *
 * @param category the only category to recommend from, or {@code null} for any
 * @param exclude  products never to recommend
 */
record Filters(String category, Set<String> exclude) {

    /** At most this many excluded ids: a page shows far fewer, and each one widens the candidates read. */
    static final int MAX_EXCLUDED = 100;
    static final Filters NONE = new Filters(null, Set.of());

    /** The catalog schema's category: 1-128 characters, no control characters. */
    private static final Pattern CATEGORY = Pattern.compile("^[^\\u0000-\\u001F\\u007F-\\u009F\\u2028\\u2029]{1,128}$");

    Filters {
        exclude = Set.copyOf(exclude);
    }

    /** The query parameters {@code category=} and {@code exclude=} (comma-separated ids); empty ones are absent. */
    static Filters fromQuery(String category, String exclude) {
        List<String> ids = exclude == null || exclude.isEmpty() ? List.of() : List.of(exclude.split(",", -1));
        return of("category", category, "exclude", ids);
    }

    /**
     * Filters from named fields, every violation reported at once.
     *
     * @param excludeField the field the ids came in; a bad id is named {@code excludeField[index]}
     */
    static Filters of(String categoryField, String category, String excludeField, List<String> exclude) {
        List<Violation> violations = new ArrayList<>();
        String checkedCategory = null;
        if (category != null && !category.isEmpty()) {
            if (CATEGORY.matcher(category).matches()) {
                checkedCategory = category;
            } else {
                violations.add(new Violation(categoryField, "must be 1-128 characters without control characters"));
            }
        }
        List<String> ids = exclude == null ? List.of() : exclude;
        if (ids.size() > MAX_EXCLUDED) {
            violations.add(new Violation(excludeField, "at most " + MAX_EXCLUDED + " product ids, was " + ids.size()));
        } else {
            for (int i = 0; i < ids.size(); i++) {
                try {
                    Ids.require(excludeField + "[" + i + "]", ids.get(i));
                } catch (BadRequestException e) {
                    violations.addAll(e.violations());
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new BadRequestException(violations);
        }
        return new Filters(checkedCategory, new LinkedHashSet<>(ids));
    }

    boolean none() {
        return category == null && exclude.isEmpty();
    }

    /**
     * What last-known-good may serve under these filters while Redis is away: nothing for a
     * category (the remembered items' categories are unknown then, and a wrong one is worse than
     * an empty list), else the recommendable items not excluded.
     */
    Predicate<String> withoutRedis(Predicate<String> recommendable) {
        return category != null ? id -> false : recommendable.and(id -> !exclude.contains(id));
    }

    /** The same filters, also excluding {@code more}. */
    Filters excluding(Set<String> more) {
        Set<String> all = new LinkedHashSet<>(exclude);
        all.addAll(more);
        return new Filters(category, all);
    }
}
