package io.nightshift.schemas.control;

/**
 * When the nightly job runs.
 *
 * @param cron     a Spring cron expression with six fields (second minute hour day month weekday)
 * @param timeZone an IANA zone id such as {@code Europe/Amsterdam}
 */
public record Schedule(String cron, String timeZone) {
}
