package io.payrail.refund.ledger;

import io.payrail.events.RefundStatus;
import java.util.EnumSet;
import java.util.Set;

/**
 * The status of a {@code refunds} row and the transitions it may make. A refund to pay back starts
 * PENDING (reserved: counted against what was captured, committed before the acquirer is asked); a
 * rejection starts REJECTED. The acquirer's answer ends a PENDING refund COMPLETED, or leaves it
 * UNKNOWN when no answer came (a timeout): still reserved, so nothing can be refunded twice over.
 * The reconciler asks the acquirer by the refund's idempotency key and ends an UNKNOWN refund, or a
 * PENDING one nobody has worked on for long, COMPLETED (the acquirer paid it back) or REJECTED
 * {@code refund_failed} (it did not: the reservation is released).
 */
public enum LedgerStatus {
  PENDING,
  UNKNOWN,
  COMPLETED,
  REJECTED;

  /** The statuses this one may move to. */
  public Set<LedgerStatus> next() {
    return switch (this) {
      case PENDING -> EnumSet.of(COMPLETED, UNKNOWN, REJECTED);
      case UNKNOWN -> EnumSet.of(COMPLETED, REJECTED);
      case COMPLETED, REJECTED -> EnumSet.noneOf(LedgerStatus.class);
    };
  }

  /** This status moved to {@code target}, or an {@link IllegalTransitionException}. */
  public LedgerStatus transitionTo(LedgerStatus target) {
    if (!next().contains(target)) {
      throw new IllegalTransitionException(this, target);
    }
    return target;
  }

  /** Whether the refund has its outcome: neither PENDING nor UNKNOWN. */
  public boolean isFinal() {
    return this == COMPLETED || this == REJECTED;
  }

  /** Whether the refund's amount counts against what was captured: all but a rejection. */
  public boolean holdsAmount() {
    return this != REJECTED;
  }

  /** The status published in {@code RefundProcessed}; PENDING and UNKNOWN are never published. */
  public RefundStatus toEventStatus() {
    if (!isFinal()) {
      throw new IllegalStateException("a " + this + " refund has no outcome to publish yet");
    }
    return RefundStatus.valueOf(name());
  }

  /** A status change the state machine does not allow. */
  public static final class IllegalTransitionException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    IllegalTransitionException(LedgerStatus from, LedgerStatus to) {
      super("refund status cannot change from " + from + " to " + to);
    }
  }
}
