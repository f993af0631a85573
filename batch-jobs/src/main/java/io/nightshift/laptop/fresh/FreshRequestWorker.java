package io.nightshift.laptop.fresh;

import io.nightshift.laptop.LaptopProperties;
import io.nightshift.laptop.sync.InteractionStore;
import io.nightshift.laptop.training.CurrentModel;
import io.nightshift.laptop.training.RelatedItemsModel;
import io.nightshift.schemas.request.FreshRequest;
import io.nightshift.schemas.result.RecoResult;
import io.nightshift.schemas.result.ResultKind;
import io.nightshift.schemas.result.ScoredItem;
import io.nightshift.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Answers fresh requests from reco.requests.v1 with the model in memory (or the popular
 * products while there is none yet). Requests that waited past their deadline (the laptop was
 * asleep) are dropped; requests for the same product in one poll make one computation, and a
 * poll's products are computed in deadline order. A backlog never starves new requests for
 * long: each poll is bounded (max.poll.records), a list costs milliseconds, and expired
 * requests are skipped without work.
 * Offsets are committed only once Kafka has acknowledged the results.
 */
@Component
class FreshRequestWorker {

    static final String POPULAR_VERSION = "popular";
    private static final Logger log = LoggerFactory.getLogger(FreshRequestWorker.class);
    private static final LogAccessor LOG_ACCESSOR = new LogAccessor(FreshRequestWorker.class);

    private final CurrentModel model;
    private final InteractionStore store;
    private final KafkaTemplate<String, Object> kafka;
    private final DeadLetterPublishingRecoverer deadLetters;
    private final int listSize;
    private final Clock clock = Clock.systemUTC();

    FreshRequestWorker(CurrentModel model, InteractionStore store, KafkaTemplate<String, Object> laptopKafkaTemplate,
                       DeadLetterPublishingRecoverer deadLetters, LaptopProperties properties) {
        this.model = model;
        this.store = store;
        this.kafka = laptopKafkaTemplate;
        this.deadLetters = deadLetters;
        this.listSize = properties.model().listSize();
    }

    @KafkaListener(id = "laptop-fresh", idIsGroup = false, topics = "reco.requests.v1", containerFactory = "freshListenerFactory")
    void onRequests(List<ConsumerRecord<String, FreshRequest>> records) throws Exception {
        Instant now = clock.instant();
        Map<String, FreshRequest> byProduct = new LinkedHashMap<>();
        int expired = 0;
        for (ConsumerRecord<String, FreshRequest> record : records) {
            if (record.value() == null) {
                deadLetter(record);
            } else if (record.value().isExpiredAt(now)) {
                expired++;
            } else {
                byProduct.merge(record.value().productId(), record.value(), FreshRequestWorker::earlierDeadline);
            }
        }
        List<CompletableFuture<?>> acks = new ArrayList<>();
        Optional<RelatedItemsModel> latest = model.get();
        for (String productId : inDeadlineOrder(byProduct)) {
            RecoResult result = new RecoResult(UUID.randomUUID(), RecoResult.SCHEMA_VERSION, ResultKind.FRESH,
                    latest.map(RelatedItemsModel::version).orElse(POPULAR_VERSION), productId, listFor(productId),
                    clock.instant(), null);
            acks.add(kafka.send(Topics.RECO_RESULTS.name(), productId, result));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        if (!records.isEmpty()) {
            log.info("fresh: {} requests, {} expired, {} lists computed", records.size(), expired, byProduct.size());
        }
    }

    /** One computation per product, for the most urgent of its requests. */
    private static FreshRequest earlierDeadline(FreshRequest a, FreshRequest b) {
        return b.deadline().isBefore(a.deadline()) ? b : a;
    }

    /**
     * After a long absence a poll holds a backlog: the requests closest to their deadline are
     * answered first, so fewer expire while the rest wait (ties keep arrival order).
     */
    static List<String> inDeadlineOrder(Map<String, FreshRequest> byProduct) {
        return byProduct.values().stream()
                .sorted(java.util.Comparator.comparing(FreshRequest::deadline))
                .map(FreshRequest::productId)
                .toList();
    }

    private List<ScoredItem> listFor(String productId) {
        return model.relatedTo(productId, listSize).orElseGet(() -> store.popular(listSize + 1).stream()
                .filter(item -> !item.productId().equals(productId))
                .limit(listSize)
                .toList());
    }

    /** A request that is not a valid fresh-request: to reco.requests.v1.dlq with its bytes, never silently dropped. */
    private void deadLetter(ConsumerRecord<String, FreshRequest> record) {
        DeserializationException failure = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
        if (failure == null) {
            return; // a tombstone, not a request
        }
        log.warn("invalid fresh request {}-{}@{} sent to the dead-letter topic: {}", record.topic(), record.partition(),
                record.offset(), failure.getMessage());
        deadLetters.accept(record, failure);
    }
}
