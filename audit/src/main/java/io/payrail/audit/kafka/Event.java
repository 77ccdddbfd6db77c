package io.payrail.audit.kafka;

import java.time.Instant;

/**
 * One decoded record of a result topic and where it is.
 *
 * @param key the Kafka key (orderId, or customerId for balances)
 * @param value the decoded value
 * @param source the record's topic, partition and offset
 * @param timestamp the record's timestamp (its producer's clock): which side of the audit's cut it
 *     is on
 */
public record Event<V>(String key, V value, RecordCoordinates source, Instant timestamp) {}
