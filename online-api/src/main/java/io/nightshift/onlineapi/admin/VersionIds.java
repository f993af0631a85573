package io.nightshift.onlineapi.admin;

import io.nightshift.onlineapi.web.BadRequestException;

import java.util.regex.Pattern;

/**
 * The syntax of a model version id, checked before the feature store is asked about it, so that
 * every admin endpoint taking a version refuses the same ids with the same 400.
 */
final class VersionIds {

    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private VersionIds() {
    }

    static String require(String field, String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw BadRequestException.of(field, "must match [A-Za-z0-9._-]{1,64}");
        }
        return version;
    }
}
