package io.payrail.audit.kafka;

import java.time.Instant;

/**
 * A record of a result topic whose key is not the one its value makes: not {@code
 * merchantId/orderId} (or {@code merchantId/customerId} for a balance) at all, or another order's
 * or customer's. Its services' readers dead-letter it, and it sits on the partition of another key,
 * so the audit does not count it for either order: it is a finding of its own.
 *
 * @param source where it is
 * @param key its key, null when it has none
 * @param expectedKey the key its value makes
 * @param timestamp the record's timestamp: which side of the audit's cut it is on
 */
public record MisKeyedRecord(
    RecordCoordinates source, String key, String expectedKey, Instant timestamp) {}
