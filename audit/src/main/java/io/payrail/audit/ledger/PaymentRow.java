package io.payrail.audit.ledger;

import io.payrail.events.PaymentStatus;
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

  /** Risk asked for a review: not charged until a reviewer approves it. */
  public static final String HELD_FOR_REVIEW = PaymentStatus.HELD_FOR_REVIEW.name();

  /** A reviewer rejected the held order, or its hold expired: never to be charged. */
  public static final String REJECTED_BY_REVIEW = PaymentStatus.REJECTED_BY_REVIEW.name();

  /** Risk declined the order: never to be charged. */
  public static final String REJECTED_BY_RISK = PaymentStatus.REJECTED_BY_RISK.name();

  public boolean captured() {
    return CAPTURED.equals(status);
  }

  /** The acquirer's answer never came; the processor's reconciler is to resolve it. */
  public boolean unknown() {
    return UNKNOWN.equals(status);
  }

  /** Still waiting for a review. */
  public boolean held() {
    return HELD_FOR_REVIEW.equals(status);
  }

  /** Rejected by risk or by a review: no money may ever have been taken for it. */
  public boolean rejected() {
    return REJECTED_BY_RISK.equals(status) || REJECTED_BY_REVIEW.equals(status);
  }
}
