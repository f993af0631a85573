package io.nightshift.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** One application's runnable jar, as the reactor built it before this module's tests run. */
record AppJar(String module, Path path) {

    static Path home() {
        return Path.of(System.getProperty("nightshift.home", "../..")).toAbsolutePath().normalize();
    }

    static Path deployFolder() {
        return home().resolve("infra/deploy");
    }

    static AppJar of(String module) {
        String version = System.getProperty("nightshift.version", "0.1.0-SNAPSHOT");
        Path jar = home().resolve(module).resolve("target").resolve("nightshift-" + module + "-" + version + "-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (./mvnw -B -o verify -pl " + module
                    + ",infra/deploy -am builds it before these tests)");
        }
        return new AppJar(module, jar);
    }
}
