package io.payrail.audit.kafka;

/**
 * One decoded record of a result topic and where it is.
 *
 * @param key the Kafka key (orderId, or customerId for balances)
 * @param value the decoded value
 * @param source the record's topic, partition and offset
 */
public record Event<V>(String key, V value, RecordCoordinates source) {}
