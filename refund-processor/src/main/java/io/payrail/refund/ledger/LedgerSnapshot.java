package io.payrail.refund.ledger;

import io.payrail.schemas.keys.OrderKey;
import java.util.Map;

/**
 * What the ledger knows about a batch's orders and refunds, read with the payment rows locked. An
 * order is a (merchantId, orderId) and a refund a (merchantId, refundId): another merchant's order
 * or refund with the same id is not in here.
 *
 * @param paymentsByOrder the payment of each order that has one
 * @param refundedByOrder sum of the COMPLETED, PENDING (reserved, the acquirer not asked or not
 *     answered yet) and UNKNOWN (reserved, the acquirer's answer lost) refunds of each order that
 *     has any
 * @param refundsByKey the kept outcome of each refund already decided
 * @param refundCountByOrder how many refunds (of any status, reserved ones included) each order
 *     that has any keeps
 */
public record LedgerSnapshot(
    Map<OrderKey, PaymentSnapshot> paymentsByOrder,
    Map<OrderKey, Long> refundedByOrder,
    Map<RefundKey, RefundRow> refundsByKey,
    Map<OrderKey, Integer> refundCountByOrder) {

  /** A snapshot in which no order keeps refunds yet, whatever {@code refundsByKey} holds. */
  public LedgerSnapshot(
      Map<OrderKey, PaymentSnapshot> paymentsByOrder,
      Map<OrderKey, Long> refundedByOrder,
      Map<RefundKey, RefundRow> refundsByKey) {
    this(paymentsByOrder, refundedByOrder, refundsByKey, Map.of());
  }
}
