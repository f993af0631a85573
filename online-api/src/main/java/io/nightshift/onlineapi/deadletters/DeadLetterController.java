package io.nightshift.onlineapi.deadletters;

import io.nightshift.onlineapi.admin.OwnerTokens;
import io.nightshift.onlineapi.web.BadRequestException;
import io.nightshift.onlineapi.web.ForbiddenException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;
import java.util.TreeSet;

/** What the consumers could not use, for the owner: per dead-letter topic its count and newest records with their reasons. */
@RestController
@SecurityRequirement(name = "admin-token")
class DeadLetterController {

    private final DeadLetterTail tail;
    private final DeadLetterRecord records;
    private final OwnerTokens tokens;

    DeadLetterController(DeadLetterTail tail, DeadLetterRecord records, OwnerTokens tokens) {
        this.tail = tail;
        this.records = records;
        this.tokens = tokens;
    }

    @Operation(summary = "Dead letters per topic",
            description = "Every *.dlq topic with how many records it holds (exact up to 1000 per partition, else an upper bound: "
                    + "exact is false) and its newest five: time, key, where it came from, the reason and error class from the "
                    + "headers and the start of the value, control characters replaced. Read live from Kafka within 3 s.")
    @GetMapping("/api/v1/admin/dead-letters")
    List<DeadLetterTail.TopicLetters> deadLetters() {
        return tail.read();
    }

    @Operation(summary = "One dead letter's value, byte for byte",
            description = "The record at that partition and offset of a *.dlq topic, exactly as it was sent to its source topic, "
                    + "to be fixed and sent again (an event to POST /api/v1/events, a product to PUT /api/v1/products/{productId}). "
                    + "404 when the topic is not a dead-letter topic or the offset holds no record. Only the owner's token: "
                    + "a whole record may hold a shopper's data, so the read-only token gets 403.")
    @GetMapping("/api/v1/admin/dead-letters/{topic}/{partition}/{offset}")
    ResponseEntity<byte[]> deadLetter(@PathVariable String topic, @PathVariable String partition, @PathVariable String offset,
                                      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        if (tokens.access(authorization) != OwnerTokens.Access.FULL) {
            throw new ForbiddenException("a whole dead letter may hold a shopper's data: download it with nightshift.admin.token, "
                    + "not the read-only token");
        }
        if (!DeadLetterRecord.topics().contains(topic)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no dead-letter topic '" + DeadLetterText.of(topic, 100) + "'; they are "
                    + String.join(", ", new TreeSet<>(DeadLetterRecord.topics())));
        }
        int p = number("partition", partition, Integer.MAX_VALUE).intValue();
        long o = number("offset", offset, Long.MAX_VALUE);
        byte[] value = records.value(topic, p, o).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no record at " + topic + " partition " + p + " offset " + o + " (never written, past retention, or a transaction marker)"));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + topic + "-" + p + "-" + o + ".bin\"")
                .body(value);
    }

    private static Long number(String field, String text, long max) {
        try {
            long value = Long.parseLong(text);
            if (value >= 0 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw BadRequestException.of(field, "must be a whole number from 0 to " + max);
    }
}
