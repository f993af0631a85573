package io.nightshift.onlineapi.ingest;

import io.nightshift.onlineapi.eventlog.EventLog;
import io.nightshift.schemas.codec.Contract;
import io.nightshift.schemas.codec.ContractCodec;
import io.nightshift.schemas.event.ShopEvent;
import io.nightshift.schemas.topic.Topics;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Shop events into the event log, validated against the shop-event contract. */
@RestController
class EventController {

    static final int MAX_BATCH = 500;

    private final ContractCodec<ShopEvent> codec = ContractCodec.of(Contract.SHOP_EVENT);
    private final KafkaTemplate<String, ShopEvent> template;
    private final EventLog eventLog;

    EventController(KafkaTemplate<String, ShopEvent> template, EventLog eventLog) {
        this.template = template;
        this.eventLog = eventLog;
    }

    @Operation(summary = "Ingest one shop event or an array of up to 500",
            description = "Each event is validated against the shop-event schema (v1 and v2 accepted, stored as v2) and appended to "
                    + "shop.events.v1 keyed by user (or session). All valid: 202 {accepted, rejected: []}. Any invalid: 400 problem "
                    + "detail with accepted (valid events of the batch were still written) and rejected: [{index, errors: [{field, message}]}]. "
                    + "Kafka unreachable: the events go to a local durable spool (202 with spooled: true) and are sent when it returns; "
                    + "only a full spool answers 503 with Retry-After. Resending is always safe: eventId is the idempotency key.")
    @PostMapping("/api/v1/events")
    ResponseEntity<Object> ingest(@RequestBody JsonNode body) {
        var elements = BatchIntake.elements(body, MAX_BATCH);
        var outcome = BatchIntake.validate(elements, codec::decode);
        var written = eventLog.appendDurably(template, codec, outcome.accepted().stream()
                .map(event -> new EventLog.Entry<>(Topics.SHOP_EVENTS.name(), event.partitionKey(), event))
                .toList());
        return BatchIntake.answer(outcome, !body.isArray(), written);
    }
}
