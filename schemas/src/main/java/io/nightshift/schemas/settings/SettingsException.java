package io.nightshift.schemas.settings;

/**
 * A setting the owner must change: its message names the setting (and its environment variable
 * where that helps) and says what to set it to. The applications report it at startup as one
 * paragraph, without a stack trace: it is a configuration mistake, not a bug.
 */
public class SettingsException extends IllegalArgumentException {

    public SettingsException(String message) {
        super(message);
    }
}
