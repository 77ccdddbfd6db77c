package io.payrail.refund.ledger;

import java.util.Map;

/**
 * What the ledger knows about a batch's orders and refundIds, read with the payment rows locked.
 *
 * @param paymentsByOrderId the payment of each order that has one
 * @param refundedByOrderId sum of the COMPLETED and PENDING (reserved, not yet confirmed by the
 *     acquirer) refunds of each order that has any
 * @param refundsById the kept outcome of each refundId already decided
 */
public record LedgerSnapshot(
    Map<String, PaymentSnapshot> paymentsByOrderId,
    Map<String, Long> refundedByOrderId,
    Map<String, RefundRow> refundsById) {}
