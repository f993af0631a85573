package io.nightshift.schemas.settings;

/**
 * A setting the owner must change: its message names the setting (and its environment variable
 * where that helps) and says what to set it to. The applications report it at startup as one
 * paragraph, without a stack trace: it is a configuration mistake, not a bug.
 */
public class SettingsException extends IllegalArgumentException {

    /** What every app tells the owner to do after the message: where settings are changed, and where they are listed. */
    public static final String HOW_TO_CHANGE = "Change the settings named above: on the command line (--name=value), in the environment"
            + " (the variable in brackets) or in the configuration file; docs/configuration.md lists them all.";

    public SettingsException(String message) {
        super(message);
    }
}
