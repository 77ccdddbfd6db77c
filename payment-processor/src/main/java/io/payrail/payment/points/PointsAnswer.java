package io.payrail.payment.points;

import io.payrail.events.PointsReservationStatus;
import io.payrail.listener.reconcile.SourceRecord;

/**
 * loyalty-streams' first answer for an order, as {@code points_reservations} keeps it.
 *
 * @param reason why REFUSED ({@code insufficient_points}, {@code order_closed}); null when RESERVED
 * @param source the {@code points-reservations} record it came in
 */
public record PointsAnswer(
    String orderId,
    PointsReservationStatus status,
    String reason,
    long points,
    SourceRecord source) {

  public boolean reserved() {
    return status == PointsReservationStatus.RESERVED;
  }
}
