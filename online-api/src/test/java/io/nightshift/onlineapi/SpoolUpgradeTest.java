package io.nightshift.onlineapi;

import io.nightshift.infra.local.KafkaEndpoint;
import io.nightshift.infra.local.RedisEndpoint;
import io.nightshift.infra.local.junit.RealServers;
import io.nightshift.schemas.catalog.CatalogEvent;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractCodec;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.ShopEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A spool file is on disk across versions: the format is a promise to the next release. */
@RealServers
class SpoolUpgradeTest {

    @Test
    @DisplayName("a spool file written in the earlier format (topic, base64 key, base64 encoded value) drains after an upgrade, past a broken line")
    void drainsASpoolLeftByTheEarlierVersion(KafkaEndpoint kafka, RedisEndpoint redis) throws IOException {
        Path dir = Path.of("target/spool/upgrade-" + UUID.randomUUID());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ShopEvent event = ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, "u-upgrade", "p-upgrade", null, now);
        CatalogEvent delete = CatalogEvent.delete(UUID.randomUUID(), "p-upgrade-gone", now);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("spool.log"),
                line("shop.events.v1", event.partitionKey(), ContractCodec.of(Contract.SHOP_EVENT).encode(event))
                        // A line cut short by a crash: skipped, and the drain goes on past it.
                        + "shop.events.v1\tdS0x\teyJldmVudElkIjo*\n"
                        + line("shop.catalog.v1", delete.productId(), ContractCodec.of(Contract.CATALOG_EVENT).encode(delete)),
                StandardCharsets.UTF_8);

        try (TestApi upgraded = TestApi.start(kafka, redis, "--nightshift.spool.dir=" + dir, "--nightshift.spool.drain-interval=500ms");
             var events = new TopicReader<>(kafka, "shop.events.v1", Contract.SHOP_EVENT);
             var catalog = new TopicReader<>(kafka, "shop.catalog.v1", Contract.CATALOG_EVENT)) {
            assertThat(events.await(e -> e.eventId().equals(event.eventId()), m -> !m.isEmpty(), Duration.ofSeconds(30))).containsExactly(event);
            assertThat(catalog.await(c -> c.eventId().equals(delete.eventId()), m -> !m.isEmpty(), Duration.ofSeconds(30))).containsExactly(delete);
        }
    }

    private static String line(String topic, String key, byte[] value) {
        Base64.Encoder base64 = Base64.getEncoder();
        return topic + '\t' + base64.encodeToString(key.getBytes(StandardCharsets.UTF_8)) + '\t' + base64.encodeToString(value) + '\n';
    }
}
