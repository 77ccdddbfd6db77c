package io.payrail.launcher.demo;

import java.util.Collection;
import java.util.Set;

/**
 * What became of the demo's redemptions of loyalty points: paid (the points spent, their value off
 * the charge), refused by loyalty ({@code points_unavailable}: nothing reserved, never charged),
 * ended unpaid otherwise (a declined card, risk, a reviewer: the reserved points given back), or
 * not final yet.
 *
 * @param redeeming orders accepted with points to redeem
 * @param paid of those, the orders paid
 * @param pointsSpent the points the paid orders redeemed together
 * @param givenBack orders that ended unpaid for another reason than their points
 * @param pointsGivenBack the points of those orders together: released by loyalty, spendable again
 * @param refused orders declined {@code points_unavailable}
 */
record PointsOutcome(
    int redeeming, int paid, long pointsSpent, int givenBack, long pointsGivenBack, int refused) {

  /**
   * Final order statuses of an order not paid: its reserved points are released (an order refused
   * {@code points_unavailable} had none reserved, it is counted apart).
   */
  static final Set<String> UNPAID =
      Set.of(
          PointsApi.PAYMENT_DECLINED, "PAYMENT_FAILED", "DECLINED_BY_RISK", "REJECTED_BY_REVIEW");

  /**
   * One redemption: its order's status, the payment's decline code (null when none), the points the
   * 202 answer accepted and the points the payment redeemed (0 while there is no payment).
   */
  record Redemption(String status, String declineCode, long points, long pointsRedeemed) {}

  static PointsOutcome of(Collection<Redemption> redemptions) {
    int paid = 0;
    long spent = 0;
    int givenBack = 0;
    long pointsGivenBack = 0;
    int refused = 0;
    for (Redemption redemption : redemptions) {
      if (CouponOutcome.PAID.contains(redemption.status())) {
        paid++;
        // What the payment says it redeemed is what loyalty spends; the order's own ask otherwise.
        spent +=
            redemption.pointsRedeemed() > 0 ? redemption.pointsRedeemed() : redemption.points();
      } else if (PointsApi.PAYMENT_DECLINED.equals(redemption.status())
          && PointsApi.POINTS_UNAVAILABLE.equals(redemption.declineCode())) {
        refused++;
      } else if (UNPAID.contains(redemption.status())) {
        givenBack++;
        pointsGivenBack += redemption.points();
      }
    }
    return new PointsOutcome(redemptions.size(), paid, spent, givenBack, pointsGivenBack, refused);
  }

  /** Redemptions not final yet (waiting for a reviewer, or for their points' answer). */
  int notFinal() {
    return redeeming - paid - givenBack - refused;
  }

  /** The summary's points line. */
  String line() {
    if (redeeming == 0) {
      return "no order redeemed points";
    }
    return ("%d orders redeemed points: %d paid (%d points spent), %d not paid (%d points given"
            + " back), %d refused %s, %d not final")
        .formatted(
            redeeming,
            paid,
            pointsSpent,
            givenBack,
            pointsGivenBack,
            refused,
            PointsApi.POINTS_UNAVAILABLE,
            notFinal());
  }
}
