package io.payrail.payment.ledger;

/**
 * A payments row moving on from {@code from} to the row's new status, and why.
 *
 * @param row the row as it is after the change
 * @param from the status it must still have in the ledger (else someone else moved it)
 * @param reason the decline code, "captured", why there is no answer, or the review's outcome
 * @param actor who decided the change (a reviewer's id), null when the pipeline did
 * @param note the reviewer's note, null when none
 */
public record StatusUpdate(
    PaymentRow row, LedgerStatus from, String reason, String actor, String note) {

  /** A change the pipeline made on its own (risk, the acquirer, the reconciler). */
  public StatusUpdate(PaymentRow row, LedgerStatus from, String reason) {
    this(row, from, reason, null, null);
  }
}
