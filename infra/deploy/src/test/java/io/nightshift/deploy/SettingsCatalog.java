package io.nightshift.deploy;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Every setting one application reads, from the configuration metadata inside its runnable jar: the app's own
 * ({@code @ConfigurationProperties} records, written by spring-boot-configuration-processor) and Spring Boot's
 * (each spring-boot-* library carries its own). Whether a variable or property name reaches one of them is decided
 * by Spring's relaxed binding itself, not by a copy of its rules.
 */
final class SettingsCatalog {

    private static final String METADATA = "META-INF/spring-configuration-metadata.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String app;
    /** Property name to its declared type; map and list types also take any key or index below them. */
    private final Map<String, String> properties;

    private SettingsCatalog(String app, Map<String, String> properties) {
        this.app = app;
        this.properties = Collections.unmodifiableMap(properties);
    }

    static SettingsCatalog of(AppJar jar) {
        Map<String, String> properties = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(jar.path().toFile())) {
            // The repackager moves the app's own META-INF to the root of the runnable jar.
            ZipEntry own = zip.getEntry(METADATA);
            if (own == null) {
                throw new IllegalStateException(jar.path() + " has no " + METADATA
                        + ": is spring-boot-configuration-processor still an annotation processor in pom.xml?");
            }
            try (InputStream in = zip.getInputStream(own)) {
                addMetadata(in.readAllBytes(), properties);
            }
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                // Only Spring Boot's own libraries declare spring.* settings; skipping the rest keeps the scan short.
                if (entry.getName().startsWith("BOOT-INF/lib/spring-boot")) {
                    try (ZipInputStream nested = new ZipInputStream(zip.getInputStream(entry))) {
                        for (ZipEntry inner; (inner = nested.getNextEntry()) != null; ) {
                            if (inner.getName().equals(METADATA)) {
                                addMetadata(nested.readAllBytes(), properties);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + jar.path(), e);
        }
        return new SettingsCatalog(jar.module(), properties);
    }

    private static void addMetadata(byte[] json, Map<String, String> into) throws IOException {
        JsonNode root = JSON.readTree(new ByteArrayInputStream(json));
        for (JsonNode property : root.path("properties")) {
            into.put(property.path("name").asString(), property.path("type").asString(""));
        }
    }

    String app() {
        return app;
    }

    boolean declares(String propertyName) {
        return properties.containsKey(propertyName);
    }

    /** The property an environment variable sets in this app, as Spring Boot binds it; empty when none. */
    Optional<String> propertyForVariable(String variable) {
        return propertyIn(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, "x")));
    }

    /** The property a {@code .properties}/YAML key sets in this app; empty when none. */
    Optional<String> propertyForKey(String key) {
        return propertyIn(new MapPropertySource("file", Map.of(key, "x")));
    }

    private Optional<String> propertyIn(org.springframework.core.env.PropertySource<?> given) {
        ConfigurationPropertySource source = ConfigurationPropertySource.from(given);
        for (Map.Entry<String, String> property : properties.entrySet()) {
            ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(property.getKey());
            if (name == null) {
                continue;
            }
            ConfigurationProperty exact = source.getConfigurationProperty(name);
            if (exact != null) {
                return Optional.of(property.getKey());
            }
            if (takesChildren(property.getValue()) && source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
                return Optional.of(property.getKey());
            }
        }
        return Optional.empty();
    }

    private static boolean takesChildren(String type) {
        return type.startsWith("java.util.Map") || type.startsWith("java.util.List") || type.startsWith("java.util.Set")
                || type.endsWith("[]");
    }
}
