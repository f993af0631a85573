package io.nightshift.onlineapi.ingest;

import io.nightshift.onlineapi.kafka.EventLog;
import io.nightshift.onlineapi.web.BadRequestException;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractCodec;
import io.nightshift.schemas.codec.Violation;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.schemas.topic.Topics;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.util.List;

/** Shop events into the event log, validated against the shop-event contract and the intake's bounds. */
@RestController
class EventController {

    static final int MAX_BATCH = 500;

    private final ContractCodec<ShopEvent> codec = ContractCodec.of(Contract.SHOP_EVENT);
    private final EventLog eventLog;
    private final EventBounds bounds;

    @Autowired
    EventController(EventLog eventLog, IngestProperties limits) {
        this(eventLog, new EventBounds(limits, Clock.systemUTC()));
    }

    EventController(EventLog eventLog, EventBounds bounds) {
        this.eventLog = eventLog;
        this.bounds = bounds;
    }

    @Operation(summary = "Ingest one shop event or an array of up to 500",
            description = "Each event is validated against the shop-event schema (v1 and v2 accepted, stored as v2) and the intake's "
                    + "bounds (nightshift.ingest.*: a rating within the shop's scale, a quantity or price positive and bounded, "
                    + "occurredAt at most 5 minutes ahead and 30 days back by default), then appended to shop.events.v1 keyed "
                    + "by user (or session). All valid: 202 {accepted, duplicates, rejected: [], spooled}. Any invalid: 400 "
                    + "problem detail with accepted (valid events of the batch were still written) and rejected: [{index, "
                    + "errors: [{field, message}]}]. An event id repeated within one request is written once and counted in "
                    + "duplicates. Kafka unreachable: the events go to a local durable spool (202 with spooled: true) and are "
                    + "sent when it returns; only a full spool answers 503 with Retry-After. Resending is always safe: eventId "
                    + "is the idempotency key.")
    @PostMapping("/api/v1/events")
    ResponseEntity<Object> ingest(@RequestBody JsonNode body) {
        return intake(body, EventBounds.Horizon.RECENT);
    }

    @Operation(summary = "Owner's backfill: import historical shop events (admin token)",
            description = "As POST /api/v1/events, without the lower limit on occurredAt (any date the contract allows, from 1970), "
                    + "for ./nightshift import of a shop's history. The future limit and the value bounds still apply.")
    @PostMapping("/api/v1/admin/backfill/events")
    ResponseEntity<Object> backfill(@RequestBody JsonNode body) {
        return intake(body, EventBounds.Horizon.HISTORY);
    }

    private ResponseEntity<Object> intake(JsonNode body, EventBounds.Horizon horizon) {
        var elements = BatchIntake.elements(body, MAX_BATCH);
        var outcome = BatchIntake.validate(elements, element -> withinBounds(codec.decode(element), horizon))
                .withoutRepeats(ShopEvent::eventId);
        var written = eventLog.appendDurably(outcome.accepted().stream()
                .map(event -> new EventLog.Entry<>(Topics.SHOP_EVENTS.name(), event.partitionKey(), event))
                .toList());
        return BatchIntake.answer(outcome, !body.isArray(), written);
    }

    private ShopEvent withinBounds(ShopEvent event, EventBounds.Horizon horizon) {
        List<Violation> violations = bounds.violations(event, horizon);
        if (!violations.isEmpty()) {
            throw new BadRequestException(violations);
        }
        return event;
    }
}
