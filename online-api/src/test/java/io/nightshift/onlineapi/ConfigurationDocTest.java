package io.nightshift.onlineapi;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps docs/configuration.md true: every property of every configuration record is documented there. */
class ConfigurationDocTest {

    @Test
    @DisplayName("docs/configuration.md names every nightshift.* property of the configuration records")
    void everyPropertyIsDocumented() throws IOException, ClassNotFoundException {
        String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        List<String> properties = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("io.nightshift.onlineapi")) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            String prefix = type.getAnnotation(ConfigurationProperties.class).value();
            for (RecordComponent component : type.getRecordComponents()) {
                properties.add(prefix + "." + kebab(component.getName()));
            }
        }
        assertThat(properties).hasSizeGreaterThan(20);
        assertThat(properties).allSatisfy(property -> assertThat(doc).as("docs/configuration.md").contains("`" + property));
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
