package io.payrail.loyalty.topology;

import io.payrail.loyalty.rules.OrderLoyalty;
import java.io.IOException;

/**
 * Store serde of {@link OrderLoyalty} in the order store. Format 1, after the version byte:
 * orderId, currency, firstSeenAt, capturedMinor, pointsEarned, refundedMinor, pointsOwedBack,
 * paymentIds, refundIds; the encodings are those of {@link BinaryStoreSerde}.
 */
final class OrderLoyaltySerde extends BinaryStoreSerde<OrderLoyalty> {

  OrderLoyaltySerde() {
    super(OrderLoyalty.class);
  }

  @Override
  void write(Out out, OrderLoyalty order) throws IOException {
    out.string(order.orderId());
    out.string(order.currency());
    out.writeLong(order.firstSeenAt());
    out.writeLong(order.capturedMinor());
    out.writeLong(order.pointsEarned());
    out.writeLong(order.refundedMinor());
    out.writeLong(order.pointsOwedBack());
    out.strings(order.paymentIds());
    out.strings(order.refundIds());
  }

  @Override
  OrderLoyalty read(In in) throws IOException {
    return new OrderLoyalty(
        in.string(),
        in.string(),
        in.readLong(),
        in.readLong(),
        in.readLong(),
        in.readLong(),
        in.readLong(),
        in.strings(),
        in.strings());
  }
}
