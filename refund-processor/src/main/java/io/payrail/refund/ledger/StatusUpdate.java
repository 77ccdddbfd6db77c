package io.payrail.refund.ledger;

/**
 * A refunds row moving on from {@code from} to the row's new status.
 *
 * @param row the row as it is after the change
 * @param from the status it must still have in the ledger (else someone else moved it)
 * @param cause who moved it, kept in {@code refund_events.kind}
 */
public record StatusUpdate(RefundRow row, LedgerStatus from, Cause cause) {

  /** Who changed a refund's status after its decision. */
  public enum Cause {
    /** The acquirer's answer (or its absence) to the refund step's call. */
    ACQUIRER,
    /** The reconciler's lookup at the acquirer. */
    RECONCILER
  }
}
