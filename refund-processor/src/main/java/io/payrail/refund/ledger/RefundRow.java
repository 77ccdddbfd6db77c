package io.payrail.refund.ledger;

import io.payrail.listener.reconcile.OutcomeRow;
import io.payrail.listener.reconcile.SourceRecord;
import io.payrail.schemas.keys.OrderKey;
import java.time.Instant;

/**
 * One refund as the {@code refunds} table keeps it and {@code RefundProcessed} tells it (once it is
 * final). Outcomes that are not kept (see {@code RejectionCode#recorded}) use the same shape, with
 * null payment and customer when the order is unknown.
 *
 * @param refundId the merchant's reference of the refund (with {@code merchantId}, its identity)
 * @param acquirerKey the refund's idempotency key at the acquirer, as kept in its row: derived when
 *     it was reserved ({@link RefundKey#newAcquirerKey}), or the bare refundId for a row kept
 *     before keys were merchant-scoped; every call and lookup at the acquirer uses it
 * @param orderId the refunded order
 * @param paymentId the order's payment; null when unknown
 * @param merchantId the merchant that asked
 * @param customerId the order's customer; null when unknown
 * @param amountMinor to pay back (PENDING, UNKNOWN), paid back (COMPLETED) or asked for (REJECTED;
 *     0 when "the remainder" was asked)
 * @param currency ISO-4217 code of the amounts
 * @param status PENDING, UNKNOWN, COMPLETED or REJECTED ({@link LedgerStatus})
 * @param reason the merchant's reason
 * @param rejectionCode why it was rejected; null otherwise
 * @param refundedTotalMinor refunded (or reserved) on the order after this outcome
 * @param capturedAmountMinor captured on the order
 * @param gatewayReference the acquirer's refund reference; null until it confirmed the refund
 * @param fingerprint {@link io.payrail.refund.decision.RequestFingerprint} of the request
 * @param sourcePartition refund-requests partition of the request that decided it
 * @param sourceOffset offset of that request
 * @param createdAt when the ledger decided it (millisecond precision, like the column): the event's
 *     processedAt
 * @param updatedAt when its status last changed
 * @param finalizedBy the record that gave the row its final status (its request, or a resolution of
 *     the reconciler); null while PENDING or UNKNOWN: the one record whose delivery publishes it
 */
public record RefundRow(
    String refundId,
    String acquirerKey,
    String orderId,
    String paymentId,
    String merchantId,
    String customerId,
    long amountMinor,
    String currency,
    LedgerStatus status,
    String reason,
    String rejectionCode,
    long refundedTotalMinor,
    long capturedAmountMinor,
    String gatewayReference,
    String fingerprint,
    int sourcePartition,
    long sourceOffset,
    Instant createdAt,
    Instant updatedAt,
    SourceRecord finalizedBy)
    implements OutcomeRow {

  /** The refund's identity: its refundId at its merchant. */
  public RefundKey key() {
    return new RefundKey(merchantId, refundId);
  }

  /** The refunded order's identity. */
  public OrderKey orderKey() {
    return new OrderKey(merchantId, orderId);
  }

  @Override
  public boolean isFinal() {
    return status.isFinal();
  }

  /**
   * This row moved to {@code outcome} as of {@code at}.
   *
   * @param reference the acquirer's reference, when it paid back
   * @param code the rejection code, when rejected
   * @param total refunded on the order after this outcome
   * @param finalizer the record that gives the row its outcome (kept only for a final one)
   */
  public RefundRow withOutcome(
      LedgerStatus outcome,
      String reference,
      String code,
      long total,
      SourceRecord finalizer,
      Instant at) {
    return new RefundRow(
        refundId,
        acquirerKey,
        orderId,
        paymentId,
        merchantId,
        customerId,
        amountMinor,
        currency,
        status.transitionTo(outcome),
        reason,
        code,
        total,
        capturedAmountMinor,
        reference,
        fingerprint,
        sourcePartition,
        sourceOffset,
        createdAt,
        at,
        outcome.isFinal() ? finalizer : null);
  }
}
