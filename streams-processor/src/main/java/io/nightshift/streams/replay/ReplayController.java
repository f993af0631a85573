package io.nightshift.streams.replay;

import io.nightshift.schemas.control.ReplayState;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

/**
 * The owner's replay switch ({@code ./nightshift replay} calls it): {@code POST} starts a replay
 * and answers 202 once the projections read the topics again; {@code GET} says how far it is.
 * Behind the admin token, like every owner operation.
 */
@RestController
final class ReplayController {

    static final String PATH = "/api/v1/admin/replay";

    private final ReplayService replay;
    private final byte[] expectedHeader;

    ReplayController(ReplayService replay, String adminToken) {
        this.replay = replay;
        this.expectedHeader = ("Bearer " + adminToken).getBytes(StandardCharsets.UTF_8);
    }

    @PostMapping(PATH)
    ResponseEntity<?> start(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        if (!authorized(authorization)) {
            return unauthorized();
        }
        ReplayStatus status = replay.replay();
        if (status.state() == ReplayState.FAILED) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "the replay could not reset the projections: " + status.error() + "; fix the cause and run it again");
            problem.setTitle("Replay failed");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(problem);
        }
        return ResponseEntity.accepted().body(status);
    }

    @GetMapping(PATH)
    ResponseEntity<?> status(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        if (!authorized(authorization)) {
            return unauthorized();
        }
        return ResponseEntity.ok(replay.status());
    }

    private boolean authorized(String authorization) {
        return authorization != null
                && MessageDigest.isEqual(authorization.getBytes(StandardCharsets.UTF_8), expectedHeader);
    }

    private static ResponseEntity<ProblemDetail> unauthorized() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                "header Authorization must be 'Bearer <nightshift.admin.token>'");
        problem.setTitle("Admin token required");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").body(problem);
    }
}
