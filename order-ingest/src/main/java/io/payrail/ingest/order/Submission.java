package io.payrail.ingest.order;

import io.payrail.ingest.status.OrderStatus;
import io.payrail.ingest.status.OrderStatusSerde;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * What the idempotency guard remembers of an accepted order: a SHA-256 fingerprint of the order
 * apart from its placedAt (what a replay must match), and the placedAt the first answer carried
 * (what a replay answers again). 32 bytes instead of the whole order keep 100k entries small.
 *
 * @param fingerprint compare with {@link #sameOrderAs}, not {@code equals} (an array component)
 */
record Submission(byte[] fingerprint, Instant placedAt) {

  static Submission of(OrderStatus.Order order) {
    return new Submission(
        sha256(OrderStatusSerde.orderBytes(order.withoutPlacedAt())), order.placedAt());
  }

  boolean sameOrderAs(Submission other) {
    return MessageDigest.isEqual(fingerprint, other.fingerprint);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
