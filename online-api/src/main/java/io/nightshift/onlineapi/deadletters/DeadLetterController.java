package io.nightshift.onlineapi.deadletters;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** What the consumers could not use, for the owner: per dead-letter topic its count and newest records with their reasons. */
@RestController
@SecurityRequirement(name = "admin-token")
class DeadLetterController {

    private final DeadLetterTail tail;

    DeadLetterController(DeadLetterTail tail) {
        this.tail = tail;
    }

    @Operation(summary = "Dead letters per topic",
            description = "Every *.dlq topic with how many records it holds (exact up to 1000 per partition, else an upper bound: "
                    + "exact is false) and its newest five: time, key, where it came from, the reason and error class from the "
                    + "headers and the start of the value, control characters replaced. Read live from Kafka within 3 s.")
    @GetMapping("/api/v1/admin/dead-letters")
    List<DeadLetterTail.TopicLetters> deadLetters() {
        return tail.read();
    }
}
