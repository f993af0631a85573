package io.nightshift.schemas.erasure;

import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.ShopEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ErasuresTest {

    private static final Instant ERASED_AT = Instant.parse("2026-11-24T09:30:00Z");

    private static ShopEvent view(String userId, Instant at) {
        return ShopEvent.interaction(UUID.randomUUID(), EventType.VIEW, userId, "p-1", null, at);
    }

    @Test
    void coversTheShoppersEventsUpToTheRequestAndNothingElse() {
        Erasures erasures = new Erasures();
        assertThat(erasures.record(Erasure.of(UUID.randomUUID(), "u-1", ERASED_AT))).isTrue();

        assertThat(erasures.covers(view("u-1", ERASED_AT.minusSeconds(86_400)))).isTrue();
        assertThat(erasures.covers(view("u-1", ERASED_AT))).isTrue();
        assertThat(erasures.covers(view("u-1", ERASED_AT.plusMillis(1)))).as("after the request: a new consent").isFalse();
        assertThat(erasures.covers(view("u-2", ERASED_AT.minusSeconds(1)))).isFalse();
        assertThat(erasures.covers(new ShopEvent(UUID.randomUUID(), ShopEvent.SCHEMA_VERSION, EventType.VIEW, null, "s-1", "p-1",
                null, ERASED_AT.minusSeconds(1), null))).as("anonymous").isFalse();
        assertThat(erasures.covers("u-1", ERASED_AT.minusSeconds(1))).isTrue();
        assertThat(erasures.covers(null, ERASED_AT.minusSeconds(1))).isFalse();
    }

    @Test
    void theLaterRequestOfAShopperWinsWhateverOrderTheyAreRead() {
        Erasures erasures = new Erasures();
        Erasure later = Erasure.of(UUID.randomUUID(), "u-1", ERASED_AT.plusSeconds(3600));
        erasures.record(later);

        assertThat(erasures.record(Erasure.of(UUID.randomUUID(), "u-1", ERASED_AT))).isFalse();
        assertThat(erasures.of("u-1")).contains(later);
        assertThat(erasures.covers(view("u-1", ERASED_AT.plusSeconds(60)))).isTrue();
        assertThat(erasures.size()).isEqualTo(1);
    }
}
