package io.nightshift.streams.production;

import io.nightshift.schemas.settings.SettingsException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A setting the owner must change stops the start with its message alone (Spring Boot prints it
 * under "APPLICATION FAILED TO START"), not a wall of stack trace: it is a mistake in the
 * configuration, and the message already says which setting and what to set it to. Registered in
 * this app's spring.factories, so the class is this app's; the words are {@link SettingsException}'s.
 */
class SettingsFailureAnalyzer extends AbstractFailureAnalyzer<SettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SettingsException cause) {
        return new FailureAnalysis(cause.getMessage(), SettingsException.HOW_TO_CHANGE, cause);
    }
}
