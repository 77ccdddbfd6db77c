package io.payrail.audit.kafka;

import java.time.Instant;

/**
 * A record of a result topic that does not decode as its topic's value type.
 *
 * @param source where it is
 * @param key its key, null when it has none
 * @param reason why it does not decode (exception class and message)
 * @param timestamp the record's timestamp: which side of the audit's cut it is on
 */
public record UnreadableRecord(
    RecordCoordinates source, String key, String reason, Instant timestamp) {}
