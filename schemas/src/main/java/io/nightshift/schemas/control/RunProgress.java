package io.nightshift.schemas.control;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where a batch run is.
 *
 * @param runId  the run's id
 * @param status where it is; {@link RunStatus#isFinal()} once it has ended
 * @param step   the step it is in, or {@code null}
 * @param done   items done in that step
 * @param total  items in that step, 0 when unknown
 * @param detail a short human sentence: why it waits, why the gate refused, what failed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunProgress(String runId, RunStatus status, String step, long done, long total, String detail) {
}
