package io.payrail.payment.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Identifiers of a new payment row, derived from its order's identity (merchantId and orderId), so
 * that every replay of an order produces the same payment id and presents the same idempotency key
 * to the acquirer, and two merchants' orders with the same orderId never share either. A row keeps
 * the charge key it was written with ({@link PaymentRow#chargeKey()}): every charge, re-charge and
 * reconciliation of an existing row uses that stored key, never a new derivation, since rows
 * written before ids were merchant-scoped carry the older {@code payrail:charge:<orderId>}.
 */
public final class PaymentIds {

  private static final String PAYMENT_PREFIX = "pay_";
  private static final int PAYMENT_HASH_BYTES = 16;
  private static final String IDEMPOTENCY_PREFIX = "payrail:charge:";

  private PaymentIds() {}

  /** {@code pay_} and 32 hex digits of SHA-256 over {@code payment:merchantId/orderId}. */
  public static String paymentId(String merchantId, String orderId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("payment:" + merchantId + "/" + orderId).getBytes(StandardCharsets.UTF_8));
      return PAYMENT_PREFIX + HexFormat.of().formatHex(digest, 0, PAYMENT_HASH_BYTES);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /**
   * The key the acquirer deduplicates a new row's charge by: {@code payrail:charge:} and the
   * payment id (51 characters), unique per merchant and order; support finds the payment by it.
   */
  public static String chargeKey(String merchantId, String orderId) {
    return IDEMPOTENCY_PREFIX + paymentId(merchantId, orderId);
  }
}
