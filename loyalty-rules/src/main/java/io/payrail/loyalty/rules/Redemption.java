package io.payrail.loyalty.rules;

import io.payrail.events.PointsReservation;
import io.payrail.events.PointsReservationStatus;
import java.time.Instant;

/**
 * The answer to an order that redeems points, kept on the order's record: a repeat of the order is
 * answered with it again, whatever the balance says by then, so payment-processor never sees two
 * different answers for one order.
 *
 * @param orderId the order
 * @param merchantId the order's merchant
 * @param customerId the customer whose points it redeems
 * @param points the points the order redeems
 * @param status RESERVED or REFUSED
 * @param reason why REFUSED ({@code insufficient_points}, {@code order_closed}); null when RESERVED
 * @param availablePoints the customer's available points after the answer
 * @param decidedAt event time of the answer
 */
public record Redemption(
    String orderId,
    String merchantId,
    String customerId,
    long points,
    PointsReservationStatus status,
    String reason,
    long availablePoints,
    Instant decidedAt) {

  /** Whether the points were reserved for the order. */
  public boolean reserved() {
    return status == PointsReservationStatus.RESERVED;
  }

  /** The answer as published on {@code points-reservations}. */
  public PointsReservation toEvent() {
    return PointsReservation.newBuilder()
        .setOrderId(orderId)
        .setMerchantId(merchantId)
        .setCustomerId(customerId)
        .setPoints(points)
        .setStatus(status)
        .setReason(reason)
        .setAvailablePoints(availablePoints)
        .setDecidedAt(decidedAt)
        .build();
  }
}
