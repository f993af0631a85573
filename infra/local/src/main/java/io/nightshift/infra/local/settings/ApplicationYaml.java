package io.nightshift.infra.local.settings;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An app's default settings as its {@code application.yaml} gives them, bound without starting the
 * app: how a test holds the names the defaults make (groups, application ids) to a contract.
 */
public final class ApplicationYaml {

    private ApplicationYaml() {
    }

    /** A binder over the {@code application.yaml} on the class path (the app's own, in its tests). */
    public static Binder binder() {
        try {
            return new Binder(ConfigurationPropertySources.from(
                    new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yaml"))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read application.yaml from the class path", e);
        }
    }
}
