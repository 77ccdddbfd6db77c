package io.payrail.payment.ledger;

/**
 * The Kafka record that gave a payments row its outcome: an {@code order-risk} record, or a
 * resolution of the reconciler. Kept with the row so that the same record, delivered again after
 * its transaction aborted, publishes the outcome again, and any other record does not.
 */
public record SourceRecord(String topic, int partition, long offset) {}
