package io.nightshift.cli.importer;

import io.nightshift.schemas.event.EventType;

import java.time.Instant;

/**
 * One interaction as a source file states it, before its ids become the shop's.
 *
 * @param category the item's category where the file has one, else {@code null}
 */
record SourceRow(String user, String item, Instant time, EventType type, Double value, String category) {
}
