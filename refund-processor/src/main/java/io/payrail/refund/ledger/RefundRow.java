package io.payrail.refund.ledger;

import io.payrail.events.RefundStatus;
import java.time.Instant;

/**
 * One refund outcome as the {@code refunds} table keeps it and {@code RefundProcessed} tells it.
 * Outcomes that are not kept (see {@code RejectionCode#recorded}) use the same shape, with null
 * payment and customer when the order is unknown.
 *
 * @param refundId the caller's idempotency key
 * @param orderId the refunded order
 * @param paymentId the order's payment; null when unknown
 * @param merchantId the merchant that asked
 * @param customerId the order's customer; null when unknown
 * @param amountMinor refunded (COMPLETED) or asked for (REJECTED; 0 when "the remainder" was asked)
 * @param currency ISO-4217 code of the amounts
 * @param status COMPLETED or REJECTED
 * @param reason the merchant's reason
 * @param rejectionCode why it was rejected; null when completed
 * @param refundedTotalMinor refunded on the order after this outcome
 * @param capturedAmountMinor captured on the order
 * @param gatewayReference the acquirer's refund reference; null until refunded
 * @param fingerprint {@link io.payrail.refund.decision.RequestFingerprint} of the request
 * @param sourcePartition refund-requests partition of the request that decided it
 * @param sourceOffset offset of that request
 * @param createdAt when the ledger decided it (millisecond precision, like the column)
 * @param awaitingGateway a COMPLETED decision whose money the acquirer has not confirmed paying
 *     back yet: kept as PENDING, counted against the captured amount (reserved), not published
 */
public record RefundRow(
    String refundId,
    String orderId,
    String paymentId,
    String merchantId,
    String customerId,
    long amountMinor,
    String currency,
    RefundStatus status,
    String reason,
    String rejectionCode,
    long refundedTotalMinor,
    long capturedAmountMinor,
    String gatewayReference,
    String fingerprint,
    int sourcePartition,
    long sourceOffset,
    Instant createdAt,
    boolean awaitingGateway) {

  public boolean completed() {
    return status == RefundStatus.COMPLETED;
  }

  /** Whether the request at this partition and offset decided this row. */
  public boolean createdBy(int partition, long offset) {
    return sourcePartition == partition && sourceOffset == offset;
  }

  /** The ledger's status: PENDING while the acquirer has not confirmed, else the outcome. */
  public String ledgerStatus() {
    return awaitingGateway ? PENDING : status.name();
  }

  /** The ledger's status of a COMPLETED refund not yet confirmed by the acquirer. */
  public static final String PENDING = "PENDING";

  /** This row confirmed by the acquirer, with its reference: no longer awaiting it. */
  public RefundRow withGatewayReference(String reference) {
    return new RefundRow(
        refundId,
        orderId,
        paymentId,
        merchantId,
        customerId,
        amountMinor,
        currency,
        status,
        reason,
        rejectionCode,
        refundedTotalMinor,
        capturedAmountMinor,
        reference,
        fingerprint,
        sourcePartition,
        sourceOffset,
        createdAt,
        false);
  }
}
