package io.payrail.audit.ledger;

import java.time.Instant;

/**
 * A row of {@code refunds}: one refundId's refund, as far as the audit compares it.
 *
 * @param status PENDING (reserved), UNKNOWN (the acquirer never answered), COMPLETED or REJECTED
 * @param updatedAt when its status last changed
 */
public record RefundRow(
    String refundId,
    String orderId,
    String customerId,
    long amountMinor,
    String currency,
    String status,
    String gatewayReference,
    Instant updatedAt) {

  public static final String COMPLETED = "COMPLETED";
  public static final String UNKNOWN = "UNKNOWN";

  public boolean completed() {
    return COMPLETED.equals(status);
  }

  /** The acquirer's answer never came; the refund-processor's reconciler is to resolve it. */
  public boolean unknown() {
    return UNKNOWN.equals(status);
  }
}
