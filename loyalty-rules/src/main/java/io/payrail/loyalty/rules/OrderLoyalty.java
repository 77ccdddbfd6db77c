package io.payrail.loyalty.rules;

import java.util.Set;

/**
 * What one order did to its customer's points: enough to take back a proportional share on a
 * refund, and the payment and refund ids already applied, so that a repeated event counts once.
 *
 * @param orderId the order
 * @param currency the order's currency
 * @param firstSeenAt event time (epoch millis) of the order's first event; the key's window in the
 *     order store, so the entry expires {@code order-retention} after it
 * @param capturedMinor amount captured on the order
 * @param pointsEarned points the captures earned
 * @param refundedMinor amount refunded so far, at most {@code capturedMinor} for a known order
 * @param pointsOwedBack points the refunds so far account for (pointsEarned × refunded ÷ captured),
 *     whether or not the balance could pay them
 * @param paymentIds captures already applied
 * @param refundIds refunds already applied
 */
public record OrderLoyalty(
    String orderId,
    String currency,
    long firstSeenAt,
    long capturedMinor,
    long pointsEarned,
    long refundedMinor,
    long pointsOwedBack,
    Set<String> paymentIds,
    Set<String> refundIds) {

  public OrderLoyalty {
    paymentIds = Set.copyOf(paymentIds);
    refundIds = Set.copyOf(refundIds);
  }

  static OrderLoyalty firstSeen(String orderId, String currency, long at) {
    return new OrderLoyalty(orderId, currency, at, 0, 0, 0, 0, Set.of(), Set.of());
  }

  /** Whether a capture was seen on this order before any refund was (the normal order). */
  boolean hasCapture() {
    return capturedMinor > 0 || !paymentIds.isEmpty();
  }
}
