package io.nightshift.onlineapi.ingest;

import io.nightshift.schemas.codec.Violation;
import io.nightshift.schemas.event.EventType;
import io.nightshift.schemas.event.ShopEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EventBoundsTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private final EventBounds bounds = new EventBounds(IngestProperties.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));

    private static ShopEvent event(EventType type, Double value, Instant at) {
        return ShopEvent.interaction(UUID.randomUUID(), type, "u-1", "p-1", value, at);
    }

    private List<String> fields(ShopEvent event, EventBounds.Horizon horizon) {
        return bounds.violations(event, horizon).stream().map(Violation::field).toList();
    }

    @Test
    @DisplayName("a rating is accepted within the shop's scale and refused outside it")
    void ratingScale() {
        assertThat(fields(event(EventType.RATING, 4.5, NOW), EventBounds.Horizon.RECENT)).isEmpty();
        assertThat(fields(event(EventType.RATING, 0.0, NOW), EventBounds.Horizon.RECENT)).isEmpty();
        assertThat(fields(event(EventType.RATING, 10.5, NOW), EventBounds.Horizon.RECENT)).containsExactly("$.value");
        assertThat(fields(event(EventType.RATING, 1e308, NOW), EventBounds.Horizon.RECENT)).containsExactly("$.value");
        assertThat(fields(event(EventType.RATING, Double.NaN, NOW), EventBounds.Horizon.RECENT)).containsExactly("$.value");
        assertThat(fields(event(EventType.RATING, Double.POSITIVE_INFINITY, NOW), EventBounds.Horizon.RECENT)).containsExactly("$.value");
    }

    @Test
    @DisplayName("a quantity or price is positive and bounded; recommendation events carry none")
    void quantities() {
        assertThat(fields(event(EventType.PURCHASE, 2.0, NOW), EventBounds.Horizon.RECENT)).isEmpty();
        assertThat(fields(event(EventType.PURCHASE, 0.0, NOW), EventBounds.Horizon.RECENT)).containsExactly("$.value");
        assertThat(fields(event(EventType.ADD_TO_CART, -1.0, NOW), EventBounds.Horizon.RECENT)).containsExactly("$.value");
        assertThat(fields(event(EventType.VIEW, 2e6, NOW), EventBounds.Horizon.RECENT)).containsExactly("$.value");
        assertThat(fields(event(EventType.RECO_CLICKED, 1.0, NOW), EventBounds.Horizon.RECENT)).containsExactly("$.value");
        assertThat(fields(event(EventType.VIEW, null, NOW), EventBounds.Horizon.RECENT)).isEmpty();
    }

    @Test
    @DisplayName("a time more than five minutes ahead is refused, even for the owner's backfill")
    void future() {
        assertThat(fields(event(EventType.VIEW, null, NOW.plus(Duration.ofMinutes(4))), EventBounds.Horizon.RECENT)).isEmpty();
        assertThat(fields(event(EventType.VIEW, null, NOW.plus(Duration.ofMinutes(6))), EventBounds.Horizon.RECENT)).containsExactly("$.occurredAt");
        assertThat(fields(event(EventType.VIEW, null, Instant.parse("2099-01-01T00:00:00Z")), EventBounds.Horizon.HISTORY))
                .containsExactly("$.occurredAt");
    }

    @Test
    @DisplayName("a time older than the horizon is refused on the public intake and accepted as backfill")
    void past() {
        Instant lastYear = NOW.minus(Duration.ofDays(365));
        assertThat(fields(event(EventType.VIEW, null, NOW.minus(Duration.ofDays(29))), EventBounds.Horizon.RECENT)).isEmpty();
        assertThat(fields(event(EventType.VIEW, null, lastYear), EventBounds.Horizon.RECENT)).containsExactly("$.occurredAt");
        assertThat(fields(event(EventType.VIEW, null, lastYear), EventBounds.Horizon.HISTORY)).isEmpty();
    }

    @Test
    @DisplayName("every limit that is broken is named, not only the first")
    void bothNamed() {
        assertThat(fields(event(EventType.RATING, 99.0, Instant.parse("2099-01-01T00:00:00Z")), EventBounds.Horizon.RECENT))
                .containsExactlyInAnyOrder("$.value", "$.occurredAt");
    }
}
