package io.payrail.ingest.order;

import io.payrail.events.OrderPlaced;
import io.payrail.schemas.contract.CanonicalOrder;
import java.security.MessageDigest;
import java.time.Instant;

/**
 * What the idempotency guard remembers of an accepted order: the fingerprint of the canonical order
 * ({@link CanonicalOrder}: every field but placedAt, what a replay must match) and the placedAt the
 * first answer carried (what a replay answers again). 32 bytes instead of the whole order keep 100k
 * entries small. The fingerprint does not depend on how the view's store encodes an order.
 *
 * @param fingerprint compare with {@link #sameOrderAs}, not {@code equals} (an array component)
 */
record Submission(byte[] fingerprint, Instant placedAt) {

  static Submission of(OrderPlaced order) {
    return new Submission(CanonicalOrder.fingerprint(order), order.getPlacedAt());
  }

  boolean sameOrderAs(Submission other) {
    return MessageDigest.isEqual(fingerprint, other.fingerprint);
  }
}
