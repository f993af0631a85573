package io.nightshift.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/deployment.md names files and tests that exist, and the README links it. */
class DeploymentDocTest {

    static final Pattern DEPLOY_FILE = Pattern.compile("(?<![\\w/.-])(?:\\./)?((?:kafka|systemd|laptop)/[\\w.-]+\\.(?:sh|service|example|conf|properties|xml|ps1|cmd))");
    static final Pattern TEST_NAME = Pattern.compile("`([A-Z]\\w+Test)`");

    static String doc;

    @BeforeAll
    static void load() throws IOException {
        doc = Files.readString(AppJar.home().resolve("docs/deployment.md"));
    }

    @Test
    void everyDeploymentFileTheDocNamesExists() {
        Set<String> named = matches(DEPLOY_FILE, doc);
        assertThat(named).contains("kafka/make-certificates.sh", "kafka/cluster-id.sh", "systemd/redis-nightshift.conf");
        List<String> missing = named.stream().filter(f -> !Files.exists(AppJar.deployFolder().resolve(f))).toList();
        assertThat(missing).as("files docs/deployment.md names under infra/deploy/").isEmpty();
    }

    @Test
    void everyTestTheDocCitesExists() throws IOException {
        Set<String> cited = matches(TEST_NAME, doc);
        assertThat(cited).contains("KafkaScriptsTest", "ComposeMatchesAppsTest", "WindowsConditionsTest");
        Set<String> existing = new LinkedHashSet<>();
        try (Stream<Path> files = Files.walk(AppJar.home(), 12)) {
            files.filter(p -> p.toString().contains("/src/test/java/") && p.toString().endsWith("Test.java"))
                    .forEach(p -> existing.add(p.getFileName().toString().replace(".java", "")));
        }
        List<String> missing = new ArrayList<>(cited);
        missing.removeAll(existing);
        assertThat(missing).as("tests docs/deployment.md cites").isEmpty();
    }

    @Test
    void theReadmeLinksIt() throws IOException {
        assertThat(Files.readString(AppJar.home().resolve("README.md"))).contains("(docs/deployment.md)");
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
