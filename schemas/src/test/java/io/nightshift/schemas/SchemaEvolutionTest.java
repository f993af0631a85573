package io.nightshift.schemas;

import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractCodec;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.ShopEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaEvolutionTest {

    private final ContractCodec<ShopEvent> codec = ContractCodec.of(Contract.SHOP_EVENT);

    @Test
    @DisplayName("a version-1 shop event (epoch-millisecond timestamp) reads as a current event")
    void versionOneInteractionIsReadable() {
        String v1 = """
                {"eventId":"0b6c3c1e-3f7a-4a53-9a53-6a1f0c2b9d10","schemaVersion":1,"type":"purchase",
                 "userId":"u-1042","productId":"p-0007","value":1,"timestamp":1763980530000}""";

        ShopEvent event = codec.decode(v1.getBytes(StandardCharsets.UTF_8));

        assertThat(event.schemaVersion()).isEqualTo(ShopEvent.SCHEMA_VERSION);
        assertThat(event.type()).isEqualTo(EventType.PURCHASE);
        assertThat(event.occurredAt()).isEqualTo(Instant.ofEpochMilli(1763980530000L));
        assertThat(event.reco()).isNull();
    }

    @Test
    @DisplayName("a version-1 click keeps its flat recommendation fields as the current reco context")
    void versionOneClickKeepsItsContext() {
        String v1 = """
                {"eventId":"0b6c3c1e-3f7a-4a53-9a53-6a1f0c2b9d11","schemaVersion":1,"type":"reco_clicked",
                 "sessionId":"s-1","productId":"p-0031","timestamp":1763980530000,
                 "requestId":"r-1","tier":"popular","cohort":"control"}""";

        ShopEvent event = codec.decode(v1.getBytes(StandardCharsets.UTF_8));

        assertThat(event.reco().requestId()).isEqualTo("r-1");
        assertThat(event.reco().tier()).isEqualTo(Tier.POPULAR);
        assertThat(event.reco().cohort()).isEqualTo("control");
        assertThat(event.reco().modelVersion()).isNull();
    }

    @Test
    @DisplayName("re-encoding an upcast event writes the current version")
    void upcastEventsAreWrittenAsCurrent() {
        String v1 = """
                {"eventId":"0b6c3c1e-3f7a-4a53-9a53-6a1f0c2b9d12","schemaVersion":1,"type":"view",
                 "userId":"u-1","productId":"p-1","timestamp":0}""";

        byte[] current = codec.encode(codec.decode(v1.getBytes(StandardCharsets.UTF_8)));

        assertThat(new String(current, StandardCharsets.UTF_8))
                .contains("\"schemaVersion\":2")
                .contains("\"occurredAt\":\"1970-01-01T00:00:00Z\"");
    }
}
