package io.nightshift.laptop;

import io.nightshift.infra.local.docs.ConnectionTable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the connection table of docs/configuration.md true for batch-jobs: every row that says batch-jobs
 * reads a property names one it binds (its own configuration records, or Spring Boot's), with the
 * environment variable Spring binds to it; and every connection property of its records has a row.
 */
class ConnectionSettingsDocTest {

    private static final String APP = "batch-jobs";
    private static final List<String> CONNECTION_PREFIXES = List.of("nightshift.redis.", "nightshift.kafka.sasl.", "spring.kafka.", "spring.datasource.");

    @Test
    @DisplayName("each row for batch-jobs names a property it binds, under its relaxed environment-variable name")
    void rowsNameBoundProperties() throws ClassNotFoundException {
        List<ConnectionTable.Row> rows = ConnectionTable.read(Path.of("..", "docs", "configuration.md"));
        Set<String> bound = ownProperties();
        bound.addAll(ConnectionTable.springBootProperties(getClass().getClassLoader()));

        List<ConnectionTable.Row> mine = rows.stream().filter(row -> row.apps().contains(APP)).toList();
        assertThat(mine).hasSizeGreaterThan(5);
        assertThat(mine).allSatisfy(row -> {
            assertThat(bound).as("properties batch-jobs binds").contains(row.property());
            assertThat(boundFromEnvironment(row)).as(row.environmentVariable() + " binds " + row.property()).isEqualTo("from-the-environment");
        });
    }

    @Test
    @DisplayName("every connection property of batch-jobs's own configuration records has a row that names batch-jobs")
    void everyConnectionPropertyHasARow() throws ClassNotFoundException {
        Set<String> documented = new HashSet<>();
        ConnectionTable.read(Path.of("..", "docs", "configuration.md")).stream()
                .filter(row -> row.apps().contains(APP)).forEach(row -> documented.add(row.property()));

        Set<String> connections = new HashSet<>(ownProperties());
        connections.removeIf(property -> CONNECTION_PREFIXES.stream().noneMatch(property::startsWith));

        assertThat(connections).isNotEmpty();
        assertThat(documented).containsAll(connections);
    }

    /** What Spring binds to the row's property when only the row's environment variable is set. */
    private static String boundFromEnvironment(ConnectionTable.Row row) {
        var environment = new SystemEnvironmentPropertySource("environment", Map.of(row.environmentVariable(), "from-the-environment"));
        return new Binder(ConfigurationPropertySources.from(environment)).bind(row.property(), String.class).orElse(null);
    }

    /** The properties this app's {@code @ConfigurationProperties} records bind, nested records included. */
    private static Set<String> ownProperties() throws ClassNotFoundException {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        Set<String> properties = new HashSet<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("io.nightshift.laptop")) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            String prefix = type.getAnnotation(ConfigurationProperties.class).value();
            add(properties, prefix, type);
        }
        return properties;
    }

    private static void add(Set<String> properties, String prefix, Class<?> record) {
        if (!record.isRecord()) {
            return;
        }
        for (RecordComponent component : record.getRecordComponents()) {
            String name = prefix + "." + component.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
            if (component.getType().isRecord() && component.getType().getName().startsWith("io.nightshift.")) {
                add(properties, name, component.getType());
            } else {
                properties.add(name);
            }
        }
    }
}
