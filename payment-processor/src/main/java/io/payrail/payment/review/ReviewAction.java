package io.payrail.payment.review;

import io.payrail.payment.ledger.PaymentRow;
import io.payrail.payment.ledger.StatusUpdate;

/**
 * What one review decision does, as the {@link ReviewDecider} decided it.
 *
 * @param decision the decision and its record
 * @param row the ledger row as the action leaves it (before the charge for CHARGE and
 *     RESUME_CHARGE); null when the ledger has no row for the order
 * @param change the change written before anything else happens (HELD to PENDING, to
 *     REJECTED_BY_REVIEW, to AWAITING_POINTS or to DECLINED), null when the action writes nothing
 */
public record ReviewAction(Kind kind, Decided decision, PaymentRow row, StatusUpdate change) {

  /** The possible outcomes of a decision. */
  public enum Kind {
    /** APPROVE of a held order: PENDING (committed first), then charged. */
    CHARGE,
    /**
     * APPROVE of a held order that redeems points without an answer yet: AWAITING_POINTS, the
     * points listener charges or declines it when the answer comes.
     */
    AWAIT_POINTS,
    /**
     * APPROVE of a held order whose points were refused: DECLINED {@code points_unavailable}, never
     * charged.
     */
    POINTS_REFUSED,
    /** This very record released the order in an attempt that did not commit: charge again. */
    RESUME_CHARGE,
    /** REJECT of a held order: REJECTED_BY_REVIEW, {@code review_rejected}. */
    REJECT,
    /** EXPIRE of a held order: REJECTED_BY_REVIEW, {@code review_expired}. */
    EXPIRE,
    /** This very record finalized the order in an attempt that did not commit: publish again. */
    REPUBLISH,
    /**
     * This very record released the order, which is now UNKNOWN or was finalized by the reconciler:
     * nothing is left for it to do.
     */
    ALREADY_APPLIED,
    /** The order's review is closed (another decision came first, or it was never held). */
    SKIP_ALREADY_DECIDED,
    /**
     * No payment for the order at the decision's merchant (another merchant's order with the same
     * orderId is another order): a bad record from a publisher.
     */
    DEAD_LETTER_UNKNOWN_ORDER,
    /** APPROVE of an order held before V5, whose row has no token to charge. */
    DEAD_LETTER_NO_TOKEN;

    public boolean isDeadLetter() {
      return this == DEAD_LETTER_UNKNOWN_ORDER || this == DEAD_LETTER_NO_TOKEN;
    }

    public boolean charges() {
      return this == CHARGE || this == RESUME_CHARGE;
    }
  }

  /** Why a dead-lettered decision can never be applied: its reason header. */
  public String deadLetterReason() {
    String orderId = decision.orderId();
    return switch (kind) {
      case DEAD_LETTER_UNKNOWN_ORDER ->
          "unknown order: no payment for order "
              + orderId
              + " of merchant "
              + decision.value().getMerchantId();
      case DEAD_LETTER_NO_TOKEN ->
          "no payment token: order " + orderId + " was held before tokens were kept, cannot charge";
      default -> throw new IllegalStateException(kind + " is not a dead letter");
    };
  }
}
