package io.payrail.schemas.keys;

import java.util.Objects;

/**
 * The identity of an order, and the Kafka key of every record of the order flow (orders,
 * order-risk, review-decisions, points-reservations, payments, refund-requests, refunds): the UTF-8
 * string {@code merchantId/orderId}. An orderId is the merchant's reference, unique only within
 * that merchant, so two merchants' order "1001" are two keys, two partitions' worth of state and
 * two ledger rows. Ids never hold {@code /} (the contract's id alphabet is {@code
 * [A-Za-z0-9._:-]}), so the key splits unambiguously at its first {@code /}.
 *
 * <p>Ordered by merchant, then order, so that a ledger that locks several orders takes its locks in
 * one global order.
 *
 * @param merchantId the merchant that placed the order
 * @param orderId the merchant's reference of the order
 */
public record OrderKey(String merchantId, String orderId) implements Comparable<OrderKey> {

  public OrderKey {
    Objects.requireNonNull(merchantId, "merchantId");
    Objects.requireNonNull(orderId, "orderId");
  }

  /** The key as it is written to Kafka and to stores. */
  public String encoded() {
    return merchantId + CustomerKey.SEPARATOR + orderId;
  }

  /** The encoded key of an order. */
  public static String of(String merchantId, String orderId) {
    return new OrderKey(merchantId, orderId).encoded();
  }

  /**
   * The order a Kafka key names.
   *
   * @throws IllegalArgumentException if the key is null or has no {@code merchantId/} part (a key
   *     written before keys were merchant-scoped)
   */
  public static OrderKey parse(String key) {
    int separator = key == null ? -1 : key.indexOf(CustomerKey.SEPARATOR);
    if (separator <= 0 || separator == key.length() - 1) {
      throw new IllegalArgumentException("not a merchantId/orderId key: " + key);
    }
    return new OrderKey(key.substring(0, separator), key.substring(separator + 1));
  }

  @Override
  public int compareTo(OrderKey other) {
    int byMerchant = merchantId.compareTo(other.merchantId);
    return byMerchant != 0 ? byMerchant : orderId.compareTo(other.orderId);
  }

  @Override
  public String toString() {
    return encoded();
  }
}
