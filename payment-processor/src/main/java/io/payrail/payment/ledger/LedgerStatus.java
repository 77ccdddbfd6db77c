package io.payrail.payment.ledger;

import io.payrail.events.PaymentStatus;
import java.util.EnumSet;
import java.util.Set;

/**
 * The status of a payments row and the transitions it may make. A payment starts PENDING (written
 * and committed before the acquirer is asked) or directly in a risk outcome; the acquirer's answer
 * ends it CAPTURED, DECLINED or FAILED, or leaves it UNKNOWN when no answer came (a timeout): the
 * reconciler then asks the acquirer by the idempotency key and ends it CAPTURED, DECLINED or
 * FAILED. A held payment is released to PENDING (a reviewer approved it: charged like any other) or
 * ends REJECTED_BY_REVIEW (rejected, or its hold expired); every other end state is final.
 */
public enum LedgerStatus {
  PENDING,
  UNKNOWN,
  CAPTURED,
  DECLINED,
  FAILED,
  REJECTED_BY_RISK,
  HELD_FOR_REVIEW,
  REJECTED_BY_REVIEW,
  AWAITING_POINTS;

  private static final Set<LedgerStatus> INITIAL =
      EnumSet.of(PENDING, REJECTED_BY_RISK, HELD_FOR_REVIEW, AWAITING_POINTS);

  /** Whether a new payments row may start in this status. */
  public boolean isInitial() {
    return INITIAL.contains(this);
  }

  /** The statuses this one may move to. */
  public Set<LedgerStatus> next() {
    return switch (this) {
      case PENDING -> EnumSet.of(CAPTURED, DECLINED, FAILED, UNKNOWN);
      case UNKNOWN -> EnumSet.of(CAPTURED, DECLINED, FAILED);
      // AWAITING_POINTS and DECLINED: an approval of an order whose points are not reserved yet,
      // or were refused.
      case HELD_FOR_REVIEW -> EnumSet.of(PENDING, REJECTED_BY_REVIEW, AWAITING_POINTS, DECLINED);
      case AWAITING_POINTS -> EnumSet.of(PENDING, DECLINED);
      case CAPTURED, DECLINED, FAILED, REJECTED_BY_RISK, REJECTED_BY_REVIEW ->
          EnumSet.noneOf(LedgerStatus.class);
    };
  }

  /** This status moved to {@code target}, or an {@link IllegalTransitionException}. */
  public LedgerStatus transitionTo(LedgerStatus target) {
    if (!next().contains(target)) {
      throw new IllegalTransitionException(this, target);
    }
    return target;
  }

  /**
   * Whether the payment has an outcome to publish: neither PENDING, UNKNOWN nor AWAITING_POINTS.
   */
  public boolean isFinal() {
    return this != PENDING && this != UNKNOWN && this != AWAITING_POINTS;
  }

  /**
   * The status published in {@code PaymentProcessed}; PENDING, UNKNOWN and AWAITING_POINTS are
   * never published.
   */
  public PaymentStatus toEventStatus() {
    if (!isFinal()) {
      throw new IllegalStateException("a " + this + " payment has no outcome to publish yet");
    }
    return PaymentStatus.valueOf(name());
  }

  /** A status change the state machine does not allow. */
  public static final class IllegalTransitionException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    IllegalTransitionException(LedgerStatus from, LedgerStatus to) {
      super("payment status cannot change from " + from + " to " + to);
    }
  }
}
