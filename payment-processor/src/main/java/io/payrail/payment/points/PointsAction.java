package io.payrail.payment.points;

import io.payrail.payment.ledger.PaymentRow;
import io.payrail.payment.ledger.StatusUpdate;

/**
 * What one points answer does to its order's payment, as the {@link PointsDecider} decided it.
 *
 * @param answered the answer and its record
 * @param row the ledger row as the action leaves it (before the charge for RELEASE and
 *     RESUME_CHARGE); null when the ledger has no row for the order yet
 * @param change the change written before anything else happens (AWAITING_POINTS to PENDING or to
 *     DECLINED), null when the action writes nothing
 */
public record PointsAction(Kind kind, Answered answered, PaymentRow row, StatusUpdate change) {

  /** The possible outcomes of an answer (every answer is recorded first, see the listener). */
  public enum Kind {
    /** RESERVED for an order awaiting its points: PENDING (committed first), then charged. */
    RELEASE,
    /** This very record released the order in an attempt that did not commit: charge again. */
    RESUME_CHARGE,
    /** REFUSED for an order awaiting its points: DECLINED {@code points_unavailable}. */
    DECLINE,
    /** This very record finalized the order in an attempt that did not commit: publish again. */
    REPUBLISH,
    /** This very record released the order, which is now UNKNOWN or final by another record. */
    ALREADY_APPLIED,
    /** No payment for the order yet: the order-risk record finds the recorded answer. */
    BEFORE_ORDER,
    /**
     * The payment does not wait for points (held for review, decided, or answered already): the
     * recorded answer is there for a reviewer's approval, or a repeat changes nothing.
     */
    NOT_AWAITING;

    public boolean charges() {
      return this == RELEASE || this == RESUME_CHARGE;
    }
  }
}
