package io.payrail.audit.ledger;

import java.time.Instant;

/**
 * A row of {@code payments}, as far as the audit compares it.
 *
 * @param updatedAt when its status last changed
 */
public record PaymentRow(
    String paymentId,
    String orderId,
    String customerId,
    long amountMinor,
    String currency,
    String status,
    String gatewayReference,
    Instant updatedAt) {

  public static final String CAPTURED = "CAPTURED";
  public static final String PENDING = "PENDING";
  public static final String UNKNOWN = "UNKNOWN";

  public boolean captured() {
    return CAPTURED.equals(status);
  }

  /** The acquirer's answer never came; the processor's reconciler is to resolve it. */
  public boolean unknown() {
    return UNKNOWN.equals(status);
  }
}
