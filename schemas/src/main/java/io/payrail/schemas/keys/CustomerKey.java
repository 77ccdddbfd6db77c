package io.payrail.schemas.keys;

import java.util.Objects;

/**
 * The Kafka key of a customer-scoped record: the UTF-8 string {@code merchantId/customerId}. Ids
 * never hold {@code /} (the contract's id alphabet is {@code [A-Za-z0-9._:-]}), so the key splits
 * unambiguously, and two merchants' customers with the same id are two keys.
 *
 * @param merchantId the merchant the customer belongs to
 * @param customerId the merchant's id of the customer
 */
public record CustomerKey(String merchantId, String customerId) {

  /** Between the merchant's and the customer's id; outside the id alphabet. */
  public static final char SEPARATOR = '/';

  public CustomerKey {
    Objects.requireNonNull(merchantId, "merchantId");
    Objects.requireNonNull(customerId, "customerId");
  }

  /** The key as it is written to Kafka and to stores. */
  public String encoded() {
    return merchantId + SEPARATOR + customerId;
  }

  /** The encoded key of a customer. */
  public static String of(String merchantId, String customerId) {
    return new CustomerKey(merchantId, customerId).encoded();
  }

  /**
   * The customer a Kafka key names.
   *
   * @throws IllegalArgumentException if the key is null or has no {@code merchantId/} part
   */
  public static CustomerKey parse(String key) {
    int separator = key == null ? -1 : key.indexOf(SEPARATOR);
    if (separator <= 0 || separator == key.length() - 1) {
      throw new IllegalArgumentException("not a merchantId/customerId key: " + key);
    }
    return new CustomerKey(key.substring(0, separator), key.substring(separator + 1));
  }

  @Override
  public String toString() {
    return encoded();
  }
}
