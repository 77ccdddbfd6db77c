package io.payrail.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo's summary calls only final states final, and its good customers look like a shop's. */
class DemoOutcomeTest {

  @Test
  void ordersHeldForReviewAreNotCalledFinalAndTheSummarySaysWhy() {
    DemoOutcome outcome =
        DemoOutcome.of(
            List.of(
                new DemoOutcome.Order("PAID", List.of()),
                new DemoOutcome.Order("DECLINED_BY_RISK", List.of("velocity_1m", "tokens_24h")),
                new DemoOutcome.Order(
                    "IN_REVIEW", List.of("new_customer_large_amount", "unverified_large_amount")),
                new DemoOutcome.Order("IN_REVIEW", List.of("velocity_1m", "country_mismatch"))));

    assertThat(outcome.settled()).isTrue();
    assertThat(outcome.verdict())
        .startsWith("2 of 4 orders are held for review, not final")
        .contains("velocity_1m=1")
        .contains("unverified_large_amount=1")
        .doesNotStartWith("every order reached a final status");
  }

  @Test
  void onlyFinalStatusesAreEveryOrderReachingAFinalStatus() {
    DemoOutcome done =
        DemoOutcome.of(
            List.of(
                new DemoOutcome.Order("PAID", List.of()),
                new DemoOutcome.Order("PAYMENT_DECLINED", List.of())));
    DemoOutcome stuck =
        DemoOutcome.of(
            List.of(
                new DemoOutcome.Order("PAID", List.of()),
                new DemoOutcome.Order("APPROVED", List.of())));

    assertThat(done.verdict()).isEqualTo("every order reached a final status");
    assertThat(stuck.settled()).isFalse();
    assertThat(stuck.verdict()).startsWith("SOME ORDERS DID NOT SETTLE");
  }

  @Test
  void goodCustomersPlaceNoMoreOrdersThanTheBurstVelocityRuleAllows() {
    int good = 1_797;
    Map<String, Integer> ordersByCustomer = new HashMap<>();
    for (int i = 0; i < good; i++) {
      ordersByCustomer.merge(DemoTraffic.goodCustomer("run", i, good), 1, Integer::sum);
    }

    assertThat(ordersByCustomer.values())
        .allSatisfy(
            orders -> assertThat(orders).isLessThanOrEqualTo(DemoTraffic.ORDERS_PER_GOOD_CUSTOMER));
    assertThat(ordersByCustomer).hasSize(599);
  }
}
