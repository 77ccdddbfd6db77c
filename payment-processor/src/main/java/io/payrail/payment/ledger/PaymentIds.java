package io.payrail.payment.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Identifiers derived from the orderId alone, so that every replay of an order produces the same
 * payment id and presents the same idempotency key to the acquirer.
 */
public final class PaymentIds {

  private static final String PAYMENT_PREFIX = "pay_";
  private static final int PAYMENT_HASH_BYTES = 16;
  private static final String IDEMPOTENCY_PREFIX = "payrail:charge:";

  private PaymentIds() {}

  /** {@code pay_} and 32 hex digits of SHA-256 over the orderId. */
  public static String paymentId(String orderId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("payment:" + orderId).getBytes(StandardCharsets.UTF_8));
      return PAYMENT_PREFIX + HexFormat.of().formatHex(digest, 0, PAYMENT_HASH_BYTES);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The key the acquirer deduplicates charges by; readable so that support can search it. */
  public static String idempotencyKey(String orderId) {
    return IDEMPOTENCY_PREFIX + orderId;
  }
}
