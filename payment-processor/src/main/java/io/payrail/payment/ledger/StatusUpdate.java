package io.payrail.payment.ledger;

/**
 * A payments row moving on from {@code from} to the row's new status, and why.
 *
 * @param row the row as it is after the change
 * @param from the status it must still have in the ledger (else someone else moved it)
 * @param reason the decline code, "captured", or why there is no answer
 */
public record StatusUpdate(PaymentRow row, LedgerStatus from, String reason) {}
