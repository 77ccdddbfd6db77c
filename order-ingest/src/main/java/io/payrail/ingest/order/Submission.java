package io.payrail.ingest.order;

import io.payrail.events.OrderPlaced;
import io.payrail.ingest.status.OrderStatus;
import io.payrail.schemas.contract.CanonicalOrder;
import io.payrail.schemas.contract.ContractRules;
import java.security.MessageDigest;
import java.time.Instant;

/**
 * What the idempotency guard remembers of an accepted order: the fingerprint of the canonical order
 * ({@link CanonicalOrder}: every field but placedAt, with the coupon's code and the points, what a
 * replay must match) and what the first answer carried (what a replay answers again). 32 bytes
 * instead of the whole order keep 100k entries small. The fingerprint does not depend on how the
 * view's store encodes an order, nor on the coupon's discount (a replay is compared before it is
 * priced).
 *
 * @param fingerprint compare with {@link #sameOrderAs}, not {@code equals} (an array component)
 * @param coupon the priced coupon of the first answer; null for none (and for a claim not priced)
 * @param pointsToRedeem the points the order redeems; null for none
 * @param chargeMinor the first answer's charge
 */
record Submission(
    byte[] fingerprint,
    Instant placedAt,
    OrderStatus.Coupon coupon,
    Long pointsToRedeem,
    long chargeMinor) {

  static Submission of(OrderPlaced order) {
    OrderStatus.Order shown = OrderStatus.Order.of(order);
    return new Submission(
        CanonicalOrder.fingerprint(order),
        order.getPlacedAt(),
        shown.coupon(),
        order.getPointsToRedeem(),
        ContractRules.chargeMinor(order));
  }

  boolean sameOrderAs(Submission other) {
    return MessageDigest.isEqual(fingerprint, other.fingerprint);
  }
}
