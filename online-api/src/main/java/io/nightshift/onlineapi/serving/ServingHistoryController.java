package io.nightshift.onlineapi.serving;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The owner console's serving charts; under the admin path, so the admin tokens guard it. */
@RestController
@SecurityRequirement(name = "admin-token")
class ServingHistoryController {

    private final ServingHistory history;

    ServingHistoryController(ServingHistory history) {
        this.history = history;
    }

    @Operation(summary = "Answers per tier and p95 latency per minute, the last six hours",
            description = "This instance's memory only: it starts empty at every start and each instance behind a load balancer "
                    + "counts its own answers (Prometheus' nightshift_reco_latency_seconds holds the long, fleet-wide view). "
                    + "Minutes without answers are left out. Admin or read-only token.")
    @GetMapping("/api/v1/admin/serving/history")
    ServingHistory.History history() {
        return history.history();
    }
}
