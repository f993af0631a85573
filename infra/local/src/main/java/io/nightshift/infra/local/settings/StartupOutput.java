package io.nightshift.infra.local.settings;

import org.assertj.core.api.AbstractStringAssert;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an app prints when a setting stops its start: Spring Boot's failure report, one paragraph
 * naming the setting, and no stack trace (a configuration mistake is not a bug).
 */
public final class StartupOutput {

    private StartupOutput() {
    }

    /** Fails unless {@code output} holds the failure report without a Spring stack trace; chain what the paragraph must name. */
    public static AbstractStringAssert<?> refusedInOneParagraph(String output) {
        return assertThat(output).contains("APPLICATION FAILED TO START").doesNotContain("\tat org.springframework");
    }
}
