/**
 * The contracts between Nightshift's parts. Applications meet only here: records that travel
 * through Kafka (each with a JSON Schema under {@code schemas/} and an example under
 * {@code examples/}), the validating codec every module uses, the topics and their settings,
 * the Redis key layout, and the SQL migrations of the analysts' event log
 * ({@code db/eventlog}).
 */
package io.nightshift.schemas;
