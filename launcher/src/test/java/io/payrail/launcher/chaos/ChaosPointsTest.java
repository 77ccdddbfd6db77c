package io.payrail.launcher.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentStatus;
import io.payrail.events.ReviewOutcome;
import io.payrail.schemas.contract.ContractRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The chaos load redeems a few points on a small share of its orders, each a valid order whose
 * charge stays positive; a decline for points loyalty refused is a normal final outcome, also of an
 * approved held order; and the round's points line counts what the redeeming orders became.
 */
class ChaosPointsTest {

  @Test
  void aSmallShareOfOrdersRedeemsAFewPointsAndEachIsAValidOrder() {
    ChaosOrders orders = new ChaosOrders("chaos-t-p1-", 5_000, new Random(11));
    List<OrderPlaced> placed = new ArrayList<>();
    for (int i = 1; i <= 5_000; i++) {
      placed.add(orders.order(i));
    }

    List<OrderPlaced> redeeming =
        placed.stream().filter(order -> order.getPointsToRedeem() != null).toList();
    // 2 % of 5,000 is 100.
    assertThat(redeeming).hasSizeBetween(60, 140);
    assertThat(redeeming)
        .allSatisfy(
            order -> {
              assertThat(order.getPointsToRedeem()).isBetween(1L, (long) ChaosOrders.MAX_POINTS);
              assertThat(ContractRules.order(order)).isEmpty();
              assertThat(ContractRules.chargeMinor(order))
                  .isEqualTo(order.getAmountMinor() - order.getPointsToRedeem());
            });
    assertThat(placed).allSatisfy(order -> assertThat(ContractRules.order(order)).isEmpty());
  }

  @Test
  void anApprovedHeldOrderDeclinedForItsPointsEndsAsItsDecisionCallsFor() {
    assertThat(
            ChaosLoad.honours(
                ReviewOutcome.APPROVE, "DECLINED/" + ContractRules.POINTS_UNAVAILABLE))
        .isTrue();
    assertThat(
            ChaosLoad.honours(ReviewOutcome.REJECT, "DECLINED/" + ContractRules.POINTS_UNAVAILABLE))
        .isFalse();
  }

  @Test
  void thePointsLineCountsCapturesRefusalsAndOtherEndings() {
    PointsTally tally =
        PointsTally.of(
            5,
            List.of(
                new PointsTally.Outcome(PaymentStatus.CAPTURED, null, 12),
                new PointsTally.Outcome(
                    PaymentStatus.DECLINED, ContractRules.POINTS_UNAVAILABLE, 30),
                new PointsTally.Outcome(PaymentStatus.DECLINED, "card_declined", 7),
                new PointsTally.Outcome(PaymentStatus.REJECTED_BY_RISK, "risk_rejected", 3)));

    assertThat(tally.captured()).isEqualTo(1);
    assertThat(tally.pointsSpent()).isEqualTo(12);
    assertThat(tally.refused()).isEqualTo(1);
    assertThat(tally.otherwise()).isEqualTo(2);
    assertThat(tally.open()).isEqualTo(1);
    assertThat(tally)
        .hasToString(
            "5 orders redeemed points: 1 captured (12 points spent), 1 declined"
                + " points_unavailable, 2 ended otherwise (points given back), 1 not final");
    assertThat(PointsTally.of(0, List.of())).hasToString("no order redeemed points");
  }
}
