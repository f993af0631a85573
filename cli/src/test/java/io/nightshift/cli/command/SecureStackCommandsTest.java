package io.nightshift.cli.command;

import io.nightshift.cli.demo.ApiClient;
import io.nightshift.cli.stack.StackSecrets;
import io.nightshift.cli.stack.StackState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI against a secure stack: its own calls take the generated token, and the banner names the file without printing a secret. */
class SecureStackCommandsTest {

    private static final Map<String, String> KAFKA = Map.of("admin", "adm-pw", "laptop", "lap-pw");

    @Test
    void commandsTakeTheSecureStacksTokenAndKeyFromItsSecretsFile(@TempDir Path dir) {
        StackSecrets secrets = StackSecrets.generate("redis-pw", KAFKA, "kt", "rt");
        Path file = dir.resolve("secrets.env");
        secrets.writeTo(file);

        ApiClient secure = RunningStack.api(state(file.toString()));
        assertThat(secure.adminToken()).isEqualTo(secrets.adminToken());
        assertThat(RunningStack.adminToken(state(file.toString()))).isEqualTo(secrets.adminToken());

        // The plaintext demo's state names no file: the demo token (or NIGHTSHIFT_ADMIN_TOKEN), as before.
        assertThat(RunningStack.api(state(null)).adminToken())
                .isEqualTo(System.getenv().getOrDefault("NIGHTSHIFT_ADMIN_TOKEN", ApiClient.DEMO_TOKEN));
    }

    @Test
    void theSecureBannerNamesTheSecretsFileAndPrintsNoSecretNorTheDemoToken(@TempDir Path dir) {
        StackSecrets secrets = StackSecrets.generate("redis-pw", KAFKA, "kt", "rt");
        Path file = dir.resolve("secrets.env");
        secrets.writeTo(file);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        ReadyBanner.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), state(file.toString()), true, Duration.ofSeconds(90),
                Optional.empty(), true);

        String banner = bytes.toString(StandardCharsets.UTF_8);
        assertThat(banner).contains("secure mode", file.toString(), "$NIGHTSHIFT_ADMIN_TOKEN", "$NIGHTSHIFT_CATALOG_API_KEYS")
                .doesNotContain(secrets.adminToken(), secrets.catalogKey(), secrets.analystPassword(), ApiClient.DEMO_TOKEN,
                        ApiClient.DEMO_CATALOG_KEY, "filled in for the demo", "analyst/analyst");
    }

    private static StackState state(String secretsFile) {
        return new StackState(Long.MAX_VALUE - 1, "ready", Instant.parse("2026-12-04T10:00:00Z"), "http://localhost:8080",
                "127.0.0.1:9093", "127.0.0.1:6380", "postgresql://127.0.0.1:5433/postgres", "online", StackState.UP, StackState.UP,
                Map.of(), secretsFile);
    }
}
