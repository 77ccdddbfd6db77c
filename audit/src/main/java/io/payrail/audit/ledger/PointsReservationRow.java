package io.payrail.audit.ledger;

import io.payrail.schemas.keys.OrderKey;
import java.time.Instant;

/**
 * A row of payment-processor's {@code points_reservations}: the answer to an order's points as the
 * processor recorded it from {@code points-reservations}, which decides whether it charges the
 * order.
 *
 * @param merchantId the order's merchant
 * @param orderId the order
 * @param status RESERVED or REFUSED, as the answer said
 * @param reason why REFUSED, null when RESERVED
 * @param points the points the answer was for
 * @param recordedAt when the processor recorded it; null when the ledger has no such column
 */
public record PointsReservationRow(
    String merchantId,
    String orderId,
    String status,
    String reason,
    long points,
    Instant recordedAt) {

  public OrderKey orderKey() {
    return new OrderKey(merchantId, orderId);
  }
}
