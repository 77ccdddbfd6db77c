package io.payrail.payment.points;

import io.payrail.events.PointsReservationStatus;
import io.payrail.listener.reconcile.SourceRecord;
import io.payrail.schemas.keys.OrderKey;

/**
 * loyalty-streams' first answer for an order, as {@code points_reservations} keeps it.
 *
 * @param reason why REFUSED ({@code insufficient_points}, {@code order_closed}); null when RESERVED
 * @param source the {@code points-reservations} record it came in
 */
public record PointsAnswer(
    String merchantId,
    String orderId,
    PointsReservationStatus status,
    String reason,
    long points,
    SourceRecord source) {

  /** The order's identity: its merchant and the merchant's orderId. */
  public OrderKey key() {
    return new OrderKey(merchantId, orderId);
  }

  public boolean reserved() {
    return status == PointsReservationStatus.RESERVED;
  }
}
