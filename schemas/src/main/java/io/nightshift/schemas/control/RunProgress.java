package io.nightshift.schemas.control;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where a batch run is.
 *
 * @param runId  the run's id
 * @param status {@code requested}, {@code running}, {@code deferred}, {@code completed}, {@code failed} or {@code refused}
 * @param step   the step it is in, or {@code null}
 * @param done   items done in that step
 * @param total  items in that step, 0 when unknown
 * @param detail a short human sentence: why it waits, why the gate refused, what failed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunProgress(String runId, String status, String step, long done, long total, String detail) {
}
