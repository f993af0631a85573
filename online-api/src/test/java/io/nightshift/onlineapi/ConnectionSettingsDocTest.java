package io.nightshift.onlineapi;

import io.nightshift.infra.local.settings.ConnectionSettingsDoc;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Keeps the connection table of docs/configuration.md true for online-api: every row that says online-api
 * reads a property names one it binds (its own configuration records, or Spring Boot's), with the
 * environment variable Spring binds to it; and every connection property of its records has a row.
 */
class ConnectionSettingsDocTest {

    private final ConnectionSettingsDoc doc = new ConnectionSettingsDoc("online-api", "io.nightshift.onlineapi", 10);

    @Test
    @DisplayName("each row for online-api names a property it binds, under its relaxed environment-variable name")
    void rowsNameBoundProperties() {
        doc.rowsNameBoundProperties();
    }

    @Test
    @DisplayName("every connection property of online-api's own configuration records has a row that names online-api")
    void everyConnectionPropertyHasARow() {
        doc.everyConnectionPropertyHasARow();
    }
}
