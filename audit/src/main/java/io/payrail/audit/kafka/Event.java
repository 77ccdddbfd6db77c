package io.payrail.audit.kafka;

import io.payrail.schemas.keys.CustomerKey;
import io.payrail.schemas.keys.OrderKey;
import java.time.Instant;

/**
 * One decoded record of a result topic and where it is.
 *
 * @param key the Kafka key: {@code merchantId/orderId} (an {@link OrderKey}) on the order-flow
 *     topics, {@code merchantId/customerId} (a {@link CustomerKey}) for balances. {@link
 *     ResultTopics} keeps only records whose key is their value's, so it parses
 * @param value the decoded value
 * @param source the record's topic, partition and offset
 * @param timestamp the record's timestamp (its producer's clock): which side of the audit's cut it
 *     is on
 */
public record Event<V>(String key, V value, RecordCoordinates source, Instant timestamp) {

  /** The order of a record of an order-flow topic. */
  public OrderKey orderKey() {
    return OrderKey.parse(key);
  }

  /** The customer of a balance. */
  public CustomerKey customerKey() {
    return CustomerKey.parse(key);
  }
}
