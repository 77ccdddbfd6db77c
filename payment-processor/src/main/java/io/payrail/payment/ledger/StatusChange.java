package io.payrail.payment.ledger;

import java.time.Instant;

/**
 * One row of the append-only {@code payment_status_history}.
 *
 * @param from the previous status, null when the payment was created
 * @param to the new status
 * @param reason why (the risk decision, a decline code, a failure reason, the review's outcome)
 * @param actor who made the change when a person or a policy did (a reviewer's id, {@code
 *     payrail-hold-expiry}); null when the pipeline did (risk, the acquirer, the reconciler)
 * @param note the reviewer's note, null when none
 */
public record StatusChange(
    LedgerStatus from,
    LedgerStatus to,
    String reason,
    Instant changedAt,
    String actor,
    String note) {

  /** A change the pipeline made on its own: no actor, no note. */
  public StatusChange(LedgerStatus from, LedgerStatus to, String reason, Instant changedAt) {
    this(from, to, reason, changedAt, null, null);
  }
}
