package io.nightshift.infra.local.settings;

import io.nightshift.infra.local.docs.ConnectionTable;
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
 * Holds the connection table of {@code docs/configuration.md} to what one app really binds, from
 * that app's tests (run in the app's module folder): every row that names the app names a property
 * it binds (its own {@code @ConfigurationProperties} records, or Spring Boot's), under the
 * environment variable Spring binds to it; and every connection property of its records has a row.
 *
 * @param app         the app's name as the table's last column gives it ({@code online-api}, ...)
 * @param basePackage where the app's configuration records live ({@code io.nightshift.onlineapi})
 * @param minRows     how many rows the table gives the app at least: a guard against reading nothing
 */
public record ConnectionSettingsDoc(String app, String basePackage, int minRows) {

    private static final Path DOC = Path.of("..", "docs", "configuration.md");
    private static final List<String> CONNECTION_PREFIXES = List.of("nightshift.redis.", "nightshift.kafka.sasl.", "spring.kafka.", "spring.datasource.");
    private static final String MARKER = "from-the-environment";

    /** Fails unless each of the app's rows names a property it binds, under its relaxed environment-variable name. */
    public void rowsNameBoundProperties() {
        Set<String> bound = ownProperties();
        bound.addAll(ConnectionTable.springBootProperties(getClass().getClassLoader()));

        List<ConnectionTable.Row> mine = ConnectionTable.read(DOC).stream().filter(row -> row.apps().contains(app)).toList();
        assertThat(mine).hasSizeGreaterThan(minRows);
        assertThat(mine).allSatisfy(row -> {
            assertThat(bound).as("properties " + app + " binds").contains(row.property());
            assertThat(boundFromEnvironment(row)).as(row.environmentVariable() + " binds " + row.property()).isEqualTo(MARKER);
        });
    }

    /** Fails unless every connection property of the app's own configuration records has a row that names the app. */
    public void everyConnectionPropertyHasARow() {
        Set<String> documented = new HashSet<>();
        ConnectionTable.read(DOC).stream().filter(row -> row.apps().contains(app)).forEach(row -> documented.add(row.property()));

        Set<String> connections = new HashSet<>(ownProperties());
        connections.removeIf(property -> CONNECTION_PREFIXES.stream().noneMatch(property::startsWith));

        assertThat(connections).isNotEmpty();
        assertThat(documented).containsAll(connections);
    }

    /** What Spring binds to the row's property when only the row's environment variable is set. */
    private static String boundFromEnvironment(ConnectionTable.Row row) {
        var environment = new SystemEnvironmentPropertySource("environment", Map.of(row.environmentVariable(), MARKER));
        return new Binder(ConfigurationPropertySources.from(environment)).bind(row.property(), String.class).orElse(null);
    }

    /** The properties the app's {@code @ConfigurationProperties} records bind, nested records included. */
    private Set<String> ownProperties() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        Set<String> properties = new HashSet<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
            Class<?> type = load(candidate.getBeanClassName());
            add(properties, type.getAnnotation(ConfigurationProperties.class).value(), type);
        }
        return properties;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the scanner found " + name + " but it does not load", e);
        }
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
