package io.payrail.refund.decision;

import io.payrail.refund.intake.RefundRequest;
import io.payrail.refund.ledger.PaymentSnapshot;
import io.payrail.refund.ledger.RefundRow;

/**
 * The answer to one request.
 *
 * @param request the request answered
 * @param row the outcome, as kept in (or, when not recorded, as if kept in) the ledger
 * @param kind whether it is new and kept, replayed, or new and not kept
 * @param payment the order's payment (locked), for the gateway; null when unknown to the merchant
 */
public record RefundOutcome(
    RefundRequest request, RefundRow row, OutcomeKind kind, PaymentSnapshot payment) {

  /**
   * A refund to pay back at the gateway now: decided now, or reserved by this very request in an
   * earlier attempt that stopped before the acquirer confirmed it (asked again with the same key).
   */
  public boolean refundsNow() {
    return (kind == OutcomeKind.RECORDED && row.completed()) || kind == OutcomeKind.RESUMED;
  }

  public RefundOutcome withRow(RefundRow newRow) {
    return new RefundOutcome(request, newRow, kind, payment);
  }
}
