package io.nightshift.onlineapi.web;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Product and user ids may contain {@code /} (real catalogs have items like {@code rolls/buns}),
 * so a client sends it as {@code %2F} inside the path segment. Tomcat rejects that with a 400 by
 * default; passing it through lets Spring MVC decode the segment into the path variable, which
 * is where it belongs.
 */
@Configuration(proxyBeanMethods = false)
class EncodedSlashes {

    @Bean
    TomcatConnectorCustomizer encodedSlashesInIds() {
        return connector -> connector.setEncodedSolidusHandling("passthrough");
    }
}
