package io.payrail.audit.reconcile;

import io.payrail.audit.ledger.LedgerRows;
import io.payrail.audit.ledger.PaymentRow;
import io.payrail.audit.ledger.PaymentStatusChange;
import io.payrail.schemas.keys.OrderKey;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the payments' status history says of their reviews. A payment's row holds only its current
 * status, so the history is what shows that a CAPTURED (or DECLINED, UNKNOWN, ...) row was held
 * first, and that a review decided on it: {@code HELD_FOR_REVIEW -> PENDING} (approved, then
 * charged), {@code HELD_FOR_REVIEW -> AWAITING_POINTS} (approved, waiting for the answer to its
 * points) or {@code HELD_FOR_REVIEW -> REJECTED_BY_REVIEW} (rejected or expired).
 */
final class ReviewHistory {

  private final Set<OrderKey> held;
  private final Map<OrderKey, String> releasedTo;

  private ReviewHistory(Set<OrderKey> held, Map<OrderKey, String> releasedTo) {
    this.held = held;
    this.releasedTo = releasedTo;
  }

  static ReviewHistory of(LedgerRows ledger) {
    Set<OrderKey> held = new HashSet<>();
    Map<OrderKey, String> releasedTo = new HashMap<>();
    for (PaymentStatusChange change : ledger.reviewHistory()) {
      if (PaymentRow.HELD_FOR_REVIEW.equals(change.toStatus())) {
        held.add(change.orderKey());
      } else if (PaymentRow.HELD_FOR_REVIEW.equals(change.fromStatus())
          && (PaymentRow.PENDING.equals(change.toStatus())
              || PaymentRow.AWAITING_POINTS.equals(change.toStatus())
              || PaymentRow.REJECTED_BY_REVIEW.equals(change.toStatus()))) {
        // Oldest first: only the first decision counts, the processor never releases twice.
        releasedTo.putIfAbsent(change.orderKey(), change.toStatus());
      }
    }
    return new ReviewHistory(held, releasedTo);
  }

  /** Whether the order's payment was HELD_FOR_REVIEW at some time. */
  boolean wasHeld(OrderKey order) {
    return held.contains(order) || releasedTo.containsKey(order);
  }

  /**
   * The status a review released the held payment to (PENDING, AWAITING_POINTS or
   * REJECTED_BY_REVIEW), empty when no review decided on it.
   */
  Optional<String> releasedTo(OrderKey order) {
    return Optional.ofNullable(releasedTo.get(order));
  }
}
