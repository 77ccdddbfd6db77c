package io.payrail.audit.ledger;

import java.util.List;

/**
 * The ledger's and the acquirer's rows of the audited orders, read in one consistent snapshot.
 *
 * @param reviewHistory the payments' status changes into or out of HELD_FOR_REVIEW, oldest first
 */
public record LedgerRows(
    List<PaymentRow> payments,
    List<ChargeRow> charges,
    List<RefundRow> refunds,
    List<AcquirerRefundRow> acquirerRefunds,
    List<PaymentStatusChange> reviewHistory) {

  public LedgerRows {
    payments = List.copyOf(payments);
    charges = List.copyOf(charges);
    refunds = List.copyOf(refunds);
    acquirerRefunds = List.copyOf(acquirerRefunds);
    reviewHistory = List.copyOf(reviewHistory);
  }
}
