package io.nightshift.onlineapi.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the console page may know before the owner signs in. Outside the demo that is nothing: the
 * page asks for the token. With {@code nightshift.admin.console-prefill} (the demo) it gets the token
 * here, which hands it to anyone who can reach the page, so that setting is for a laptop demo only.
 */
@RestController
@Hidden
class ConsoleSettings {

    /** The console's settings; {@code adminToken} only with the demo prefill. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Settings(String adminToken) {
    }

    private final AdminProperties properties;

    ConsoleSettings(AdminProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/console/settings")
    ResponseEntity<Settings> settings() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new Settings(properties.consolePrefill() ? properties.token() : null));
    }
}
