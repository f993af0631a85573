package io.nightshift.schemas.topic;

/**
 * The headers of a record on a dead-letter topic ({@code <source>.dlq}, {@link TopicSpec#deadLetters()}).
 * The record's key and value are the original bytes, untouched, so it can be sent to its source
 * topic again once fixed; these headers say what went wrong and where it came from. Every value
 * is UTF-8 text. The writer is whichever consumer could not use the record (the streams processor's
 * topologies and its event-log sink); the owner's console and the admin API read them.
 */
public final class DeadLetterHeaders {

    /** What went wrong, at most 2,000 characters, e.g. {@code InvalidPayloadException: shop-event is invalid: $.productId: required}. */
    public static final String ERROR = "dlq.error";
    /** The exception's fully qualified class name, for grouping. */
    public static final String ERROR_CLASS = "dlq.error.class";
    /** The topic the record was read from. */
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    /** Its partition there, as decimal text. */
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    /** Its offset there, as decimal text. */
    public static final String SOURCE_OFFSET = "dlq.source.offset";

    private DeadLetterHeaders() {
    }
}
