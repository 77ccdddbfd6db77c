package io.payrail.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The demo's points line counts redemptions paid with the points they spent, unpaid ones with the
 * points given back, and loyalty's refusals apart; the demo redeems modestly, only on customers'
 * later orders; and the points API's bodies and answers are written and read as the facade's design
 * has them.
 */
class PointsOutcomeTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void paidRedemptionsSpendTheirPointsUnpaidOnesGiveThemBackAndRefusalsAreCountedApart() {
    PointsOutcome outcome =
        PointsOutcome.of(
            List.of(
                new PointsOutcome.Redemption("PAID", null, 20, 20),
                new PointsOutcome.Redemption("PARTIALLY_REFUNDED", null, 15, 15),
                // A refund returns money only: the points stay spent.
                new PointsOutcome.Redemption("REFUNDED", null, 5, 5),
                new PointsOutcome.Redemption("PAYMENT_DECLINED", "card_declined", 30, 30),
                new PointsOutcome.Redemption("REJECTED_BY_REVIEW", "review_rejected", 12, 12),
                new PointsOutcome.Redemption(
                    "PAYMENT_DECLINED", PointsApi.POINTS_UNAVAILABLE, 40, 40),
                new PointsOutcome.Redemption("APPROVED", null, 9, 0)));

    assertThat(outcome.redeeming()).isEqualTo(7);
    assertThat(outcome.paid()).isEqualTo(3);
    assertThat(outcome.pointsSpent()).isEqualTo(40);
    assertThat(outcome.givenBack()).isEqualTo(2);
    assertThat(outcome.pointsGivenBack()).isEqualTo(42);
    assertThat(outcome.refused()).isEqualTo(1);
    assertThat(outcome.notFinal()).isEqualTo(1);
    assertThat(outcome.line())
        .isEqualTo(
            "7 orders redeemed points: 3 paid (40 points spent), 2 not paid (42 points given"
                + " back), 1 refused points_unavailable, 1 not final");
  }

  @Test
  void aPaymentsOwnCountOfRedeemedPointsIsWhatWasSpent() {
    PointsOutcome outcome =
        PointsOutcome.of(
            List.of(
                new PointsOutcome.Redemption("PAID", null, 20, 18),
                // A status that does not show pointsRedeemed (yet): the order's ask counts.
                new PointsOutcome.Redemption("PAID", null, 7, 0)));

    assertThat(outcome.pointsSpent()).isEqualTo(25);
  }

  @Test
  void aRunWithoutRedemptionsSaysSo() {
    assertThat(PointsOutcome.of(List.of()).line()).isEqualTo("no order redeemed points");
  }

  @Test
  void redemptionsAreModestNeverTheWholeChargeNeverMoreThanTheMemberHas() {
    assertThat(PointsApi.modestRedemption(500, 1_000, 20)).isEqualTo(200);
    assertThat(PointsApi.modestRedemption(49, 1_000, 20)).isEqualTo(49);
    assertThat(PointsApi.modestRedemption(5_000, 1_000, 100)).isEqualTo(999);
    assertThat(PointsApi.modestRedemption(0, 1_000, 20)).isZero();
    assertThat(PointsApi.modestRedemption(10, 1, 30)).isZero();
    assertThat(PointsApi.modestRedemption(10, 4, 10)).isZero();
  }

  @Test
  void onlySecondOrdersOfGoodCustomersRedeemOnePerCustomerAFewPercentAtLeastTwo() {
    for (int good : List.of(2, 3, 5, 45, 1_694)) {
      int customers = DemoTraffic.goodCustomers(good);
      int redeeming = 0;
      Set<String> redeemers = new HashSet<>();
      for (int i = 0; i < good; i++) {
        if (DemoTraffic.redeemsPoints(i, good)) {
          redeeming++;
          // A customer's second order: the first has no points yet.
          assertThat(i).isBetween(customers, 2 * customers - 1);
          redeemers.add(DemoTraffic.goodCustomer("run", i, good));
        }
      }
      assertThat(redeeming).as("good=%d", good).isEqualTo(DemoTraffic.pointsRedemptions(good));
      assertThat(redeemers).as("good=%d", good).hasSize(redeeming);
      if (Math.min(customers, good - customers) >= 2) {
        assertThat(redeeming).as("good=%d", good).isGreaterThanOrEqualTo(2);
      }
    }
    // The default demo (60 orders: 45 good) and a large one.
    assertThat(DemoTraffic.pointsRedemptions(45)).isEqualTo(2);
    assertThat(DemoTraffic.pointsRedemptions(1_694)).isEqualTo(67);
    assertThat(List.of(0, 1, 2).stream().map(DemoTraffic::redemptionPercent))
        .containsExactly(10, 20, 30);
  }

  @Test
  void aRedemptionIsWrittenAsTheFacadeTakesItAndItsAnswersAreRead() throws Exception {
    String order = "{\"orderId\":\"o-1\",\"amountMinor\":3000}\n";
    JsonNode redeeming =
        JSON.readTree(PointsApi.redeeming(CouponApi.claiming(order, "DEMO-X"), 20L));
    assertThat(redeeming.path("orderId").asText()).isEqualTo("o-1");
    assertThat(redeeming.path(CouponApi.ORDER_COUPON_FIELD).asText()).isEqualTo("DEMO-X");
    assertThat(redeeming.path(PointsApi.ORDER_POINTS_FIELD).asLong()).isEqualTo(20);
    assertThat(PointsApi.redeeming(order, null)).isEqualTo(order);

    JsonNode accepted =
        JSON.readTree(
            """
            {"orderId":"o-1","status":"RECEIVED","pointsToRedeem":20,"chargeMinor":2980}\
            """);
    assertThat(PointsApi.pointsOf(accepted)).isEqualTo(20);
    assertThat(PointsApi.chargeOf(accepted)).isEqualTo(2980);
    assertThat(PointsApi.pointsOf(JSON.readTree("{\"orderId\":\"o-2\"}"))).isZero();

    JsonNode status =
        JSON.readTree(
            """
            {"orderId":"o-1","status":"PAID",
             "payment":{"status":"CAPTURED","amountMinor":2980,"pointsRedeemed":20}}\
            """);
    assertThat(PointsApi.redeemedOf(status)).isEqualTo(20);
    assertThat(PointsApi.redeemedOf(JSON.readTree("{\"status\":\"APPROVED\"}"))).isZero();

    JsonNode member =
        JSON.readTree(
            """
            {"customerId":"m-1","displayName":"Ada",
             "loyalty":{"points":58,"reservedPoints":30,"tier":"BRONZE"}}\
            """);
    assertThat(PointsApi.availableOf(member)).isEqualTo(58);
    assertThat(PointsApi.availableOf(JSON.readTree("{\"customerId\":\"m-1\",\"loyalty\":null}")))
        .isZero();
    assertThat(PointsApi.customerPath("m-1")).isEqualTo("/v1/customers/m-1");
  }
}
