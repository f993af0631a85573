package io.nightshift.streams;

import io.nightshift.infra.local.settings.ConnectionSettingsDoc;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Keeps the connection table of docs/configuration.md true for streams-processor: every row that says streams-processor
 * reads a property names one it binds (its own configuration records, or Spring Boot's), with the
 * environment variable Spring binds to it; and every connection property of its records has a row.
 */
class ConnectionSettingsDocTest {

    private final ConnectionSettingsDoc doc = new ConnectionSettingsDoc("streams-processor", "io.nightshift.streams", 10);

    @Test
    @DisplayName("each row for streams-processor names a property it binds, under its relaxed environment-variable name")
    void rowsNameBoundProperties() {
        doc.rowsNameBoundProperties();
    }

    @Test
    @DisplayName("every connection property of streams-processor's own configuration records has a row that names streams-processor")
    void everyConnectionPropertyHasARow() {
        doc.everyConnectionPropertyHasARow();
    }
}
