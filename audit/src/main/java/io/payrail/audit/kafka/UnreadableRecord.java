package io.payrail.audit.kafka;

/**
 * A record of a result topic that does not decode as its topic's value type.
 *
 * @param source where it is
 * @param key its key, null when it has none
 * @param reason why it does not decode (exception class and message)
 */
public record UnreadableRecord(RecordCoordinates source, String key, String reason) {}
