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
 * @param redemption the answer to the order's request to redeem points; null when none was seen
 * @param closedBy the status of the order's first final payment (CAPTURED, DECLINED, FAILED,
 *     REJECTED_BY_RISK, REJECTED_BY_REVIEW); null while its payment has not ended. A closed order
 *     reserves nothing any more: its reservation was spent or released once, and a request seen
 *     only now is refused ({@code order_closed}), since nothing would ever release it.
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
    Set<String> refundIds,
    Redemption redemption,
    String closedBy) {

  public OrderLoyalty {
    paymentIds = Set.copyOf(paymentIds);
    refundIds = Set.copyOf(refundIds);
  }

  static OrderLoyalty firstSeen(String orderId, String currency, long at) {
    return new OrderLoyalty(orderId, currency, at, 0, 0, 0, 0, Set.of(), Set.of(), null, null);
  }

  /** Whether the order's payment has ended (a final status was seen). */
  public boolean closed() {
    return closedBy != null;
  }

  /** Whether points are reserved for the order and not yet spent or released. */
  public boolean holdsReservation() {
    return redemption != null && redemption.reserved() && !closed();
  }

  OrderLoyalty answered(Redemption answer) {
    return new OrderLoyalty(
        orderId,
        currency,
        firstSeenAt,
        capturedMinor,
        pointsEarned,
        refundedMinor,
        pointsOwedBack,
        paymentIds,
        refundIds,
        answer,
        closedBy);
  }

  /** The order closed by its first final payment; a later one changes nothing. */
  OrderLoyalty closedBy(String status) {
    return closed()
        ? this
        : new OrderLoyalty(
            orderId,
            currency,
            firstSeenAt,
            capturedMinor,
            pointsEarned,
            refundedMinor,
            pointsOwedBack,
            paymentIds,
            refundIds,
            redemption,
            status);
  }

  /** Whether a capture was seen on this order before any refund was (the normal order). */
  boolean hasCapture() {
    return capturedMinor > 0 || !paymentIds.isEmpty();
  }
}
