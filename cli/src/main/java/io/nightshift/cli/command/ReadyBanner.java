package io.nightshift.cli.command;

import io.nightshift.cli.demo.ApiClient;
import io.nightshift.cli.stack.StackState;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;

/** The "ready" message: where to look, what to try next. */
final class ReadyBanner {

    static final String SHOWCASE_PRODUCT = "p-0001";

    private ReadyBanner() {
    }

    static void print(PrintStream out, StackState state, boolean demo, Duration took) {
        print(out, state, demo, took, Optional.empty());
    }

    static void print(PrintStream out, StackState state, boolean demo, Duration took, Optional<String> prometheus) {
        print(out, state, demo, took, prometheus, false);
    }

    /**
     * @param prometheus the local Prometheus's address, when one watches the stack
     * @param secure     the secure stack: its token and key are the generated ones of the secrets file, which
     *                   the banner names instead of printing them (a terminal's scrollback is no place for secrets)
     */
    static void print(PrintStream out, StackState state, boolean demo, Duration took, Optional<String> prometheus, boolean secure) {
        String api = state.apiUrl();
        String token = secure ? "$NIGHTSHIFT_ADMIN_TOKEN" : ApiClient.DEMO_TOKEN;
        out.printf("%nNightshift is ready (%.0f s)%s.%n", took.toMillis() / 1000.0,
                secure ? " in secure mode: TLS and a login per app to Kafka, passwords on Redis and PostgreSQL, the prod profile" : "");
        if (secure) {
            out.println("  secrets           " + state.secrets() + "   (owner-only; load them with: set -a; . " + state.secrets() + "; set +a)");
        }
        out.println("  storefront        " + api + "/");
        out.println("  owner console     " + api + "/console.html   (admin token: " + (secure ? "NIGHTSHIFT_ADMIN_TOKEN in the secrets file" : ApiClient.DEMO_TOKEN)
                + (demo && !secure ? ", filled in for the demo)" : ", the console asks for it)"));
        if (demo) {
            out.println("  recommendations   " + api + "/api/v1/products/" + SHOWCASE_PRODUCT + "/recommendations?userId=u-0001");
            out.println("  for a user        " + api + "/api/v1/users/u-0001/recommendations");
        }
        out.println("  laptop status     " + api + "/api/v1/admin/laptop   (Authorization: Bearer " + token + ")");
        out.println("  OpenAPI           " + api + "/v3/api-docs");
        out.println("  health            " + api + "/actuator/health   (details with the admin token)");
        out.println("  catalog writes    X-Api-Key: " + (secure ? "$NIGHTSHIFT_CATALOG_API_KEYS" : ApiClient.DEMO_CATALOG_KEY));
        out.println("  Kafka             " + state.kafka());
        out.println("  Redis             " + state.redis());
        out.println("  PostgreSQL        " + state.postgres() + (secure
                ? "   (user postgres: $SPRING_DATASOURCE_PASSWORD; analysts: analyst, $NIGHTSHIFT_EVENTLOG_ANALYST_PASSWORD)"
                : "   (user postgres; analysts: analyst/analyst)"));
        prometheus.ifPresent(url -> out.println("  Prometheus        " + url + "   (alerts: " + url + "/alerts; the deployed rules, see docs/operations.md)"));
        out.println("Try:");
        if (demo) {
            out.println("  curl -s '" + api + "/api/v1/products/" + SHOWCASE_PRODUCT + "/recommendations?userId=u-0001&limit=5'");
        }
        out.println("  curl -s -H \"Authorization: Bearer " + token + "\" " + api + "/api/v1/admin/laptop");
        out.println("  curl -s -X POST -H 'Content-Type: application/json' " + api + "/api/v1/events -d '[{\"eventId\":\"" 
                + "6f1c1a52-8d1e-4a43-9c55-3f2b8d7f0a11\",\"schemaVersion\":2,\"type\":\"view\",\"userId\":\"u-0001\","
                + "\"productId\":\"p-0002\",\"occurredAt\":\"'\"$(date -u +%FT%TZ)\"'\"}]'");
        out.println("  ./nightshift laptop offline     # the laptop vanishes; the same URLs keep answering");
        out.println("  ./nightshift redis stop         # Redis away: answers come from the API's last-known-good copy");
        out.println("  ./nightshift kafka stop         # Kafka away: serving is unaffected, events wait in the API's spool");
        out.println("  ./nightshift status");
        out.println("./nightshift down (or Ctrl-C where the demo runs in the foreground) stops everything.");
        out.flush();
    }
}
