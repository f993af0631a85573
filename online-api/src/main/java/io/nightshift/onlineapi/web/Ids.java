package io.nightshift.onlineapi.web;

import java.util.regex.Pattern;

/** The id syntax every contract accepts; checked at the edge so a bad id is a 400, not a record refused later. */
public final class Ids {

    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9._:@/+-]{1,128}$");

    private Ids() {
    }

    public static String require(String field, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw BadRequestException.of(field, "must be 1-128 characters of A-Z a-z 0-9 . _ : @ / + -");
        }
        return value;
    }

    public static String optional(String field, String value) {
        return value == null || value.isEmpty() ? null : require(field, value);
    }
}
