package io.payrail.payment.ledger;

import java.time.Instant;

/**
 * One row of the append-only {@code payment_status_history}.
 *
 * @param from the previous status, null when the payment was created
 * @param to the new status
 * @param reason why (the risk decision, a decline code, a failure reason)
 */
public record StatusChange(LedgerStatus from, LedgerStatus to, String reason, Instant changedAt) {}
