package io.payrail.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The demo's coupon line counts claims applied with their discount and refused by reason, its
 * coupon can be exhausted by the demo's own good customers, and the coupon API's bodies and answers
 * are written and read as the facade's design has them.
 */
class CouponOutcomeTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void paidClaimsAreAppliedWithTheirDiscountAndLimitDeclinesAreRefusedByReason() {
    CouponOutcome outcome =
        CouponOutcome.of(
            List.of(
                new CouponOutcome.Claim("PAID", null, 150),
                new CouponOutcome.Claim("REFUNDED", null, 100),
                new CouponOutcome.Claim("PARTIALLY_REFUNDED", null, 275),
                new CouponOutcome.Claim("PAYMENT_DECLINED", CouponApi.COUPON_EXHAUSTED, 200),
                new CouponOutcome.Claim("PAYMENT_DECLINED", CouponApi.COUPON_EXHAUSTED, 125),
                new CouponOutcome.Claim("PAYMENT_DECLINED", CouponApi.COUPON_CUSTOMER_LIMIT, 100),
                new CouponOutcome.Claim("PAYMENT_DECLINED", "card_declined", 300),
                new CouponOutcome.Claim("IN_REVIEW", null, 300)));

    assertThat(outcome.claimed()).isEqualTo(8);
    assertThat(outcome.applied()).isEqualTo(3);
    // A refund gives no use back and takes no discount away: refunded claims stay applied.
    assertThat(outcome.discountMinor()).isEqualTo(525);
    assertThat(outcome.refused())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(CouponApi.COUPON_EXHAUSTED, 2, CouponApi.COUPON_CUSTOMER_LIMIT, 1));
    assertThat(outcome.other()).isEqualTo(2);
    assertThat(outcome.line("DEMO-X", "EUR"))
        .isEqualTo(
            "DEMO-X: 8 claimed, 3 applied (5.25 EUR off in all), 3 refused"
                + " {coupon_customer_limit=1, coupon_exhausted=2}, 2 not paid otherwise");
  }

  @Test
  void aRunWithoutClaimsSaysSo() {
    assertThat(CouponOutcome.of(List.of()).line("DEMO-X", "EUR"))
        .isEqualTo("DEMO-X: no order claimed it");
  }

  @Test
  void theDemosGoodCustomersClaimTheCouponMoreOftenThanItHasUsesWithinTheirOwnLimit() {
    int orders = 60;
    int good =
        orders
            - DemoTraffic.BURST_TOKENS.size()
            - Math.max(2, orders / 10)
            - DemoTraffic.largeOrders(orders);
    int claims = DemoTraffic.couponClaims(good);
    Map<String, Integer> byCustomer = new HashMap<>();
    for (int i = 0; i < claims; i++) {
      byCustomer.merge(DemoTraffic.goodCustomer("run", i, good), 1, Integer::sum);
    }

    assertThat(claims)
        .isEqualTo(DemoTraffic.COUPON_CLAIMS)
        .isGreaterThan(DemoTraffic.COUPON_MAX_USES);
    // Every claim is within its customer's limit: what exhausts the coupon is its maxUses.
    assertThat(byCustomer.values()).allMatch(n -> n <= DemoTraffic.COUPON_MAX_USES_PER_CUSTOMER);
    assertThat(byCustomer.size() * DemoTraffic.COUPON_MAX_USES_PER_CUSTOMER)
        .isGreaterThan(DemoTraffic.COUPON_MAX_USES);
    // The smallest run claims with every good order it has.
    assertThat(DemoTraffic.couponClaims(2)).isEqualTo(2);
  }

  @Test
  void couponCodeIsTheRunIdInUpperCase() {
    assertThat(DemoTraffic.couponCode("mhx3k2a1")).isEqualTo("DEMO-MHX3K2A1");
  }

  @Test
  void definitionAndClaimAreWrittenAsTheFacadeTakesThem() throws Exception {
    JsonNode definition = JSON.readTree(CouponApi.percentOffBody("DEMO-X", 10, 20, null));
    assertThat(definition.path("code").asText()).isEqualTo("DEMO-X");
    assertThat(definition.path("percentOff").asInt()).isEqualTo(10);
    assertThat(definition.path("maxUses").asInt()).isEqualTo(20);
    assertThat(definition.has("maxUsesPerCustomer")).isFalse();

    String order = "{\"orderId\":\"o-1\",\"amountMinor\":1000}\n";
    JsonNode claiming = JSON.readTree(CouponApi.claiming(order, "DEMO-X"));
    assertThat(claiming.path("orderId").asText()).isEqualTo("o-1");
    assertThat(claiming.path(CouponApi.ORDER_COUPON_FIELD).asText()).isEqualTo("DEMO-X");
    assertThat(CouponApi.claiming(order, null)).isEqualTo(order);
  }

  @Test
  void acceptedOrderIsReadForItsCouponDiscountAndCharge() throws Exception {
    JsonNode accepted =
        JSON.readTree(
            """
            {"orderId":"o-1","status":"RECEIVED","coupon":{"code":"DEMO-X","discountMinor":100},
             "chargeMinor":900}\
            """);
    assertThat(CouponApi.codeOf(accepted)).isEqualTo("DEMO-X");
    assertThat(CouponApi.discountOf(accepted)).isEqualTo(100);
    assertThat(CouponApi.chargeOf(accepted)).isEqualTo(900);

    JsonNode withoutCoupon = JSON.readTree("{\"orderId\":\"o-2\",\"status\":\"RECEIVED\"}");
    assertThat(CouponApi.codeOf(withoutCoupon)).isNull();
    assertThat(CouponApi.discountOf(withoutCoupon)).isZero();
  }
}
