package io.nightshift.onlineapi.admin;

import io.nightshift.featurestore.ModelVersions;
import io.nightshift.featurestore.ServingControls;
import io.nightshift.onlineapi.serving.Cohorts;
import io.nightshift.onlineapi.web.Problems;
import io.nightshift.schemas.codec.Violation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Set;

/**
 * A/B pins: a cohort served a version other than the active one. The pin lives in the feature
 * store, which checks in one script that the version is complete, so a cohort never sees a
 * half-loaded version. Only the cohorts serving assigns users to can be pinned: a pin for any
 * other name would be stored and never read.
 */
@RestController
@RequestMapping("/api/v1/admin/cohorts/{cohort}/pin")
@SecurityRequirement(name = "admin-token")
class CohortPinController {

    /** Body of a pin. */
    record PinRequest(String modelVersion) {
    }

    /**
     * A cohort's pin.
     *
     * @param modelVersion the pinned version, or null: the cohort gets the active version
     */
    record CohortPin(String cohort, String modelVersion, String active) {
    }

    private final ServingControls controls;
    private final ModelVersions versions;
    private final Set<String> cohorts;

    CohortPinController(ServingControls controls, ModelVersions versions, Cohorts cohorts) {
        this.controls = controls;
        this.versions = versions;
        this.cohorts = cohorts.names();
    }

    @Operation(summary = "A cohort's pin", description = "modelVersion is null when the cohort gets the active version; 404 for a cohort "
            + "not in nightshift.serving.cohorts.")
    @GetMapping
    ResponseEntity<Object> get(@PathVariable String cohort) {
        return known(cohort) ? ResponseEntity.ok(pin(cohort)) : unknownCohort(cohort);
    }

    @Operation(summary = "Pin a cohort to a model version", description = "Its users get that version instead of the active one, from "
            + "the next request; 409 naming $.modelVersion when the version is unknown or incomplete, 404 for an unknown cohort.")
    @PutMapping
    ResponseEntity<Object> put(@PathVariable String cohort, @RequestBody PinRequest body) {
        if (!known(cohort)) {
            return unknownCohort(cohort);
        }
        String version = VersionIds.require("$.modelVersion", body == null ? null : body.modelVersion());
        try {
            controls.pinCohort(cohort, version);
        } catch (IllegalArgumentException refused) {
            return problem(HttpStatus.CONFLICT, "Refused", refused.getMessage(), new Violation("$.modelVersion", refused.getMessage()));
        }
        return ResponseEntity.ok(pin(cohort));
    }

    @Operation(summary = "Unpin a cohort", description = "It gets the active version again; unpinning an unpinned cohort is fine.")
    @DeleteMapping
    ResponseEntity<Object> delete(@PathVariable String cohort) {
        if (!known(cohort)) {
            return unknownCohort(cohort);
        }
        controls.unpinCohort(cohort);
        return ResponseEntity.ok(pin(cohort));
    }

    private boolean known(String cohort) {
        return cohorts.contains(cohort);
    }

    private CohortPin pin(String cohort) {
        return new CohortPin(cohort, controls.cohortPins().get(cohort), versions.activeVersion().orElse(null));
    }

    private ResponseEntity<Object> unknownCohort(String cohort) {
        String message = "no cohort '" + cohort + "'; nightshift.serving.cohorts has " + String.join(", ", cohorts);
        return problem(HttpStatus.NOT_FOUND, "Unknown cohort", message, new Violation("cohort", message));
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String title, String detail, Violation violation) {
        ProblemDetail problem = Problems.of(status, title, detail);
        problem.setProperty("errors", Problems.errors(List.of(violation)));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
