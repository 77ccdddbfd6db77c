package io.payrail.refund.ledger;

import java.util.Map;

/**
 * What the ledger knows about a batch's orders and refundIds, read with the payment rows locked.
 *
 * @param paymentsByOrderId the payment of each order that has one
 * @param refundedByOrderId sum of the COMPLETED, PENDING (reserved, the acquirer not asked or not
 *     answered yet) and UNKNOWN (reserved, the acquirer's answer lost) refunds of each order that
 *     has any
 * @param refundsById the kept outcome of each refundId already decided
 * @param refundCountByOrderId how many refunds (of any status, reserved ones included) each order
 *     that has any keeps
 */
public record LedgerSnapshot(
    Map<String, PaymentSnapshot> paymentsByOrderId,
    Map<String, Long> refundedByOrderId,
    Map<String, RefundRow> refundsById,
    Map<String, Integer> refundCountByOrderId) {

  /** A snapshot in which no order keeps refunds yet, whatever {@code refundsById} holds. */
  public LedgerSnapshot(
      Map<String, PaymentSnapshot> paymentsByOrderId,
      Map<String, Long> refundedByOrderId,
      Map<String, RefundRow> refundsById) {
    this(paymentsByOrderId, refundedByOrderId, refundsById, Map.of());
  }
}
