package io.nightshift.onlineapi.privacy;

import io.nightshift.featurestore.FeatureStoreUnavailableException;
import io.nightshift.featurestore.OnlineFeatures;
import io.nightshift.onlineapi.kafka.EventLog;
import io.nightshift.onlineapi.web.Ids;
import io.nightshift.schemas.erasure.Erasure;
import io.nightshift.schemas.topic.Topics;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * A shopper's data erasure (GDPR): the shop's backend (its key) or the owner (the admin token)
 * asks, the erasure goes to the compacted {@code shop.erasures.v1} through the same durable path
 * as the shop's events (Kafka, or the local spool while Kafka is away), and every projection
 * honours it from there, replays included (docs/privacy.md). The shopper's Redis features go
 * right away as well, so the very next answer has forgotten them; when Redis is away they go
 * when the streams processor reads the erasure.
 */
@RestController
@SecurityRequirement(name = "catalog-key")
class ErasureController {

    private static final Logger LOG = LoggerFactory.getLogger(ErasureController.class);

    private final EventLog eventLog;
    private final OnlineFeatures features;
    private final Clock clock;

    ErasureController(EventLog eventLog, OnlineFeatures features) {
        this.eventLog = eventLog;
        this.features = features;
        this.clock = Clock.systemUTC();
    }

    @Operation(summary = "Erase a shopper's data (GDPR)",
            description = "202 once the erasure is in shop.erasures.v1 (or the local spool); the shopper's events up to now "
                    + "leave Redis, the analysts' tables and the laptop's store, and no replay brings them back.")
    @DeleteMapping("/api/v1/users/{userId}")
    ResponseEntity<Erasure> erase(@PathVariable String userId) {
        String id = Ids.require("userId", userId);
        Erasure erasure = Erasure.of(UUID.randomUUID(), id, clock.instant());
        EventLog.Outcome written = eventLog.appendDurably(List.of(new EventLog.Entry<>(Topics.SHOP_ERASURES.name(), id, erasure)));
        try {
            features.forgetShopper(id, erasure.requestedAt());
        } catch (FeatureStoreUnavailableException e) {
            // The erasure is durable: the streams processor applies it to Redis when it reads it.
            LOG.warn("erasure {}: Redis is away, the streams processor will forget the shopper's features: {}", erasure.requestId(), e.toString());
        }
        LOG.info("erasure {} accepted{}", erasure.requestId(), written == EventLog.Outcome.SPOOLED ? " (spooled until Kafka returns)" : "");
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .header("Nightshift-Spooled", Boolean.toString(written == EventLog.Outcome.SPOOLED))
                .body(erasure);
    }
}
