package io.nightshift.infra.local.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives a test class real servers: declare a {@link io.nightshift.infra.local.KafkaEndpoint},
 * {@link io.nightshift.infra.local.RedisEndpoint} or {@link io.nightshift.infra.local.PostgresEndpoint}
 * parameter (constructor, lifecycle or test method) and the server is started on first use,
 * then shared by every test class of the JVM.
 *
 * <p>Testcontainers containers where a Docker daemon answers, the embedded servers where not;
 * {@code NIGHTSHIFT_TEST_SERVERS=embedded|containers} forces one. Shared servers keep their
 * data between classes: tests use their own keys, topics' own ids, or wipe what they own.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RealServersExtension.class)
public @interface RealServers {
}
