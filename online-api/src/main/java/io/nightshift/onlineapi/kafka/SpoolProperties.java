package io.nightshift.onlineapi.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The local spool that keeps ingested events and catalog changes while Kafka is away.
 *
 * @param enabled       off: a write Kafka does not take is a 503 with Retry-After
 * @param dir           where the append-only spool files live; must survive a restart to be worth anything
 * @param maxSize       beyond this the spool refuses (503): the disk must not fill up during a long outage
 * @param drainInterval how often the spool tries to hand its records to Kafka
 * @param ackWait       how long an HTTP request waits for Kafka before spooling instead
 */
@ConfigurationProperties("nightshift.spool")
record SpoolProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue(".nightshift/spool/online-api") Path dir,
        @DefaultValue("256MB") DataSize maxSize,
        @DefaultValue("2s") Duration drainInterval,
        @DefaultValue("3s") Duration ackWait) {
}
