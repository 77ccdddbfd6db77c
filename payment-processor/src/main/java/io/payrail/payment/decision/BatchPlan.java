package io.payrail.payment.decision;

import io.payrail.payment.intake.Assessment;
import io.payrail.payment.ledger.PaymentRow;
import io.payrail.schemas.keys.OrderKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What to do with one chunk.
 *
 * @param toRepublish rows these very records gave their final status in an earlier attempt whose
 *     Kafka transaction did not commit: their outcome is published again, nothing else happens
 * @param toCharge approved orders to charge: new ones, and those whose PENDING row this record
 *     wrote in an earlier attempt (charged again with the same idempotency key)
 * @param pending the PENDING rows of the orders in {@code toCharge} that have one already
 * @param withoutCharge new orders risk declined or held, approved orders whose points are not
 *     reserved (yet), or whose coupon had no use left (see {@link #withoutCharging}): recorded, not
 *     charged now
 * @param duplicates further deliveries of orders that already have a row or came earlier in the
 *     chunk, and rows left UNKNOWN or finalized by another record (the reconciler's): nothing is
 *     charged, written or published
 * @param pointsRefused the approved orders in {@code withoutCharge} whose points loyalty-streams
 *     refused already: written DECLINED {@code points_unavailable}; the other approved orders there
 *     wait AWAITING_POINTS for their answer
 */
public record BatchPlan(
    List<PaymentRow> toRepublish,
    List<Assessment> toCharge,
    Map<OrderKey, PaymentRow> pending,
    List<Assessment> withoutCharge,
    List<Assessment> duplicates,
    Set<OrderKey> pointsRefused) {

  public BatchPlan {
    pointsRefused = Set.copyOf(pointsRefused);
    toRepublish = List.copyOf(toRepublish);
    toCharge = List.copyOf(toCharge);
    pending = Map.copyOf(pending);
    withoutCharge = List.copyOf(withoutCharge);
    duplicates = List.copyOf(duplicates);
  }

  /**
   * This plan once the ledger declined these orders of {@code toCharge} (their coupon had no use
   * left): they are recorded DECLINED, never charged.
   */
  public BatchPlan withoutCharging(Set<OrderKey> declined) {
    if (declined.isEmpty()) {
      return this;
    }
    List<Assessment> charged = new ArrayList<>();
    List<Assessment> notCharged = new ArrayList<>(withoutCharge);
    for (Assessment assessment : toCharge) {
      (declined.contains(assessment.key()) ? notCharged : charged).add(assessment);
    }
    return new BatchPlan(toRepublish, charged, pending, notCharged, duplicates, pointsRefused);
  }

  /** The orders this chunk writes or publishes. */
  public List<OrderKey> orders() {
    return Stream.concat(
            toRepublish.stream().map(PaymentRow::key),
            Stream.concat(toCharge.stream(), withoutCharge.stream()).map(Assessment::key))
        .toList();
  }

  /** The orders this chunk charges. */
  public List<OrderKey> chargedOrders() {
    return toCharge.stream().map(Assessment::key).toList();
  }
}
