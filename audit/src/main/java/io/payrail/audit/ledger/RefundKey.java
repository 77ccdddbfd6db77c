package io.payrail.audit.ledger;

import java.util.Objects;

/**
 * The identity of a refund: a refundId is the merchant's reference, unique only within that
 * merchant, so two merchants' refund "r-1" are two refunds (two rows, two acquirer refunds).
 *
 * @param merchantId the merchant that asked for the refund
 * @param refundId the merchant's reference of the refund
 */
public record RefundKey(String merchantId, String refundId) {

  public RefundKey {
    Objects.requireNonNull(merchantId, "merchantId");
    Objects.requireNonNull(refundId, "refundId");
  }

  /** As the report names it: {@code merchantId/refundId}, like the order keys. */
  @Override
  public String toString() {
    return merchantId + "/" + refundId;
  }
}
