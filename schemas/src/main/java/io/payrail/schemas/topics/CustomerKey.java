package io.payrail.schemas.topics;

/**
 * The Kafka key of a customer-scoped record: the UTF-8 string {@code merchantId/customerId}. The
 * {@code /} is outside the contract's id alphabet ({@code [A-Za-z0-9._:-]}), so the key splits
 * unambiguously, reads like a path in kcat and needs no escaping in shells, JSON or SQL.
 *
 * @param merchantId the merchant
 * @param customerId the merchant's customer id
 */
public record CustomerKey(String merchantId, String customerId) {

  /** What the key is, for readers of the contract ({@link Topic#keyDescription()}). */
  public static final String DESCRIPTION = "merchantId/customerId";

  private static final char SEPARATOR = '/';

  public CustomerKey {
    if (merchantId == null || merchantId.indexOf(SEPARATOR) >= 0) {
      throw new IllegalArgumentException("a merchantId never holds '/'");
    }
    if (customerId == null || customerId.indexOf(SEPARATOR) >= 0) {
      throw new IllegalArgumentException("a customerId never holds '/'");
    }
  }

  /** The key as the topic carries it. */
  public String format() {
    return merchantId + SEPARATOR + customerId;
  }

  /** The key from its string form; an {@link IllegalArgumentException} if it is not one. */
  public static CustomerKey parse(String key) {
    int at = key == null ? -1 : key.indexOf(SEPARATOR);
    if (at < 0) {
      throw new IllegalArgumentException("not a merchantId/customerId key");
    }
    return new CustomerKey(key.substring(0, at), key.substring(at + 1));
  }

  @Override
  public String toString() {
    return format();
  }
}
