package io.payrail.audit.ledger;

import io.payrail.events.PaymentStatus;
import io.payrail.schemas.keys.CustomerKey;
import io.payrail.schemas.keys.OrderKey;
import java.time.Instant;

/**
 * A row of {@code payments}, as far as the audit compares it.
 *
 * @param merchantId the order's merchant: an orderId is unique only within its merchant
 * @param chargeKey the idempotency key the payment is (or would be) charged with at the acquirer,
 *     stored with the row ({@code charge_key}): {@code payrail:charge:<orderId>} for rows from
 *     before merchant-scoped ids, {@code payrail:charge:<paymentId>} since
 * @param updatedAt when its status last changed
 * @param pointsRedeemed its {@code points_redeemed}; null when the ledger predates the column
 *     (payment-processor before points)
 */
public record PaymentRow(
    String paymentId,
    String merchantId,
    String orderId,
    String customerId,
    long amountMinor,
    String currency,
    String status,
    String gatewayReference,
    String chargeKey,
    Instant updatedAt,
    Long pointsRedeemed) {

  /** A row of a ledger without {@code points_redeemed}. */
  public PaymentRow(
      String paymentId,
      String merchantId,
      String orderId,
      String customerId,
      long amountMinor,
      String currency,
      String status,
      String gatewayReference,
      String chargeKey,
      Instant updatedAt) {
    this(
        paymentId,
        merchantId,
        orderId,
        customerId,
        amountMinor,
        currency,
        status,
        gatewayReference,
        chargeKey,
        updatedAt,
        null);
  }

  public static final String CAPTURED = "CAPTURED";
  public static final String PENDING = "PENDING";
  public static final String UNKNOWN = "UNKNOWN";

  /** Risk asked for a review: not charged until a reviewer approves it. */
  public static final String HELD_FOR_REVIEW = PaymentStatus.HELD_FOR_REVIEW.name();

  /** A reviewer rejected the held order, or its hold expired: never to be charged. */
  public static final String REJECTED_BY_REVIEW = PaymentStatus.REJECTED_BY_REVIEW.name();

  /** Risk declined the order: never to be charged. */
  public static final String REJECTED_BY_RISK = PaymentStatus.REJECTED_BY_RISK.name();

  /**
   * Approved, waiting for loyalty's answer to the points the order redeems: not charged, not
   * published (a ledger status only).
   */
  public static final String AWAITING_POINTS = "AWAITING_POINTS";

  /** The order the row is the payment of. */
  public OrderKey orderKey() {
    return new OrderKey(merchantId, orderId);
  }

  /** The customer, as their balance is keyed. */
  public CustomerKey customerKey() {
    return new CustomerKey(merchantId, customerId);
  }

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

  /** Approved and waiting for the answer to its points: not final, no event yet. */
  public boolean awaitingPoints() {
    return AWAITING_POINTS.equals(status);
  }

  /** Rejected by risk or by a review: no money may ever have been taken for it. */
  public boolean rejected() {
    return REJECTED_BY_RISK.equals(status) || REJECTED_BY_REVIEW.equals(status);
  }
}
