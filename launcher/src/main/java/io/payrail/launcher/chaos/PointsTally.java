package io.payrail.launcher.chaos;

import io.payrail.events.PaymentStatus;
import io.payrail.schemas.contract.ContractRules;
import java.util.Collection;

/**
 * What became of a round's orders that redeem loyalty points, by their final PaymentProcessed:
 * captured (the points spent), declined {@code points_unavailable} (loyalty refused them: nothing
 * reserved, never charged; most chaos customers have no points, so this is the usual outcome and
 * not a problem), or another final status (any reserved points given back by loyalty).
 *
 * @param redeeming orders sent with points to redeem
 * @param captured of those, the ones captured
 * @param pointsSpent the points of the captured ones together
 * @param refused the ones declined {@code points_unavailable}
 * @param otherwise the ones that ended in another final status
 */
public record PointsTally(
    int redeeming, int captured, long pointsSpent, int refused, int otherwise) {

  /** One redeeming order's final payment: its status, decline code (or null) and points. */
  record Outcome(PaymentStatus status, String declineCode, long points) {}

  /** The tally of {@code redeeming} orders sent with points and the final outcomes seen so far. */
  static PointsTally of(int redeeming, Collection<Outcome> outcomes) {
    int captured = 0;
    long spent = 0;
    int refused = 0;
    int otherwise = 0;
    for (Outcome outcome : outcomes) {
      if (outcome.status() == PaymentStatus.CAPTURED) {
        captured++;
        spent += outcome.points();
      } else if (outcome.status() == PaymentStatus.DECLINED
          && ContractRules.POINTS_UNAVAILABLE.equals(outcome.declineCode())) {
        refused++;
      } else {
        otherwise++;
      }
    }
    return new PointsTally(redeeming, captured, spent, refused, otherwise);
  }

  /** Redeeming orders without a final payment seen yet. */
  public int open() {
    return redeeming - captured - refused - otherwise;
  }

  @Override
  public String toString() {
    if (redeeming == 0) {
      return "no order redeemed points";
    }
    return ("%d orders redeemed points: %d captured (%d points spent), %d declined %s, %d ended"
            + " otherwise (points given back), %d not final")
        .formatted(
            redeeming,
            captured,
            pointsSpent,
            refused,
            ContractRules.POINTS_UNAVAILABLE,
            otherwise,
            open());
  }
}
