package io.payrail.refund.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The identity of a refund: a refundId is the merchant's reference, unique only within that
 * merchant, so two merchants' "rf-1" are two refunds. Not a Kafka key: the refund topics are keyed
 * by the order ({@code OrderKey}), which keeps an order's refunds in one partition.
 *
 * @param merchantId the merchant that asked for the refund
 * @param refundId the merchant's reference of the refund
 */
public record RefundKey(String merchantId, String refundId) {

  private static final String ACQUIRER_KEY_PREFIX = "payrail:refund:";
  private static final int ACQUIRER_KEY_HEX = 32;

  public RefundKey {
    Objects.requireNonNull(merchantId, "merchantId");
    Objects.requireNonNull(refundId, "refundId");
  }

  /**
   * The idempotency key a new refund is paid back under at the acquirer: {@code payrail:refund:}
   * and 32 hex of SHA-256({@code merchantId/refundId}), 47 characters. Derived once, when the
   * refund is reserved, and kept in its row: a refund reserved before keys were merchant-scoped
   * keeps its bare refundId there, and every call and lookup uses the row's key, never this
   * derivation again.
   */
  public String newAcquirerKey() {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((merchantId + "/" + refundId).getBytes(StandardCharsets.UTF_8));
      return ACQUIRER_KEY_PREFIX + HexFormat.of().formatHex(digest).substring(0, ACQUIRER_KEY_HEX);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return merchantId + "/" + refundId;
  }
}
