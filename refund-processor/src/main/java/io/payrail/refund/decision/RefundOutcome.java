package io.payrail.refund.decision;

import io.payrail.refund.intake.RefundRequest;
import io.payrail.refund.ledger.LedgerStatus;
import io.payrail.refund.ledger.PaymentSnapshot;
import io.payrail.refund.ledger.RefundRow;

/**
 * The answer to one request.
 *
 * @param request the request answered
 * @param row the outcome, as kept in (or, when not recorded, as if kept in) the ledger
 * @param kind whether it is new and kept, replayed, resumed, new and not kept, or unanswered
 * @param payment the order's payment (locked), for the gateway; null when unknown to the merchant
 */
public record RefundOutcome(
    RefundRequest request, RefundRow row, OutcomeKind kind, PaymentSnapshot payment) {

  /**
   * A refund to pay back at the gateway now: reserved now, or reserved by this very request in an
   * earlier attempt that stopped before the acquirer answered (asked again with the same key).
   */
  public boolean refundsNow() {
    return (kind == OutcomeKind.RECORDED && row.status() == LedgerStatus.PENDING)
        || kind == OutcomeKind.RESUMED;
  }
}
