package io.nightshift.laptop;

import io.nightshift.infra.local.settings.ConnectionSettingsDoc;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Keeps the connection table of docs/configuration.md true for batch-jobs: every row that says batch-jobs
 * reads a property names one it binds (its own configuration records, or Spring Boot's), with the
 * environment variable Spring binds to it; and every connection property of its records has a row.
 */
class ConnectionSettingsDocTest {

    private final ConnectionSettingsDoc doc = new ConnectionSettingsDoc("batch-jobs", "io.nightshift.laptop", 5);

    @Test
    @DisplayName("each row for batch-jobs names a property it binds, under its relaxed environment-variable name")
    void rowsNameBoundProperties() {
        doc.rowsNameBoundProperties();
    }

    @Test
    @DisplayName("every connection property of batch-jobs's own configuration records has a row that names batch-jobs")
    void everyConnectionPropertyHasARow() {
        doc.everyConnectionPropertyHasARow();
    }
}
