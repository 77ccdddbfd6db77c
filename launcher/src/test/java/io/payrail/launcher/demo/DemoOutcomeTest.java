package io.payrail.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.payrail.launcher.demo.ReviewApi.Decision;
import io.payrail.launcher.demo.ReviewApi.Review;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The demo's summary calls only final states final and counts how held orders were decided, its
 * good customers look like a shop's, its reviewer decides like the demo says, and the review
 * queue's pages are read as the facade writes them.
 */
class DemoOutcomeTest {

  @Test
  void ordersStillHeldForReviewAreNotCalledFinal() {
    DemoOutcome outcome =
        DemoOutcome.of(
            List.of(
                new DemoOutcome.Order("PAID", List.of()),
                new DemoOutcome.Order("DECLINED_BY_RISK", List.of("velocity_1m", "tokens_24h")),
                new DemoOutcome.Order(
                    "IN_REVIEW", List.of("new_customer_large_amount", "unverified_large_amount")),
                new DemoOutcome.Order("IN_REVIEW", List.of("velocity_1m", "country_mismatch"))));

    assertThat(outcome.settled()).isFalse();
    assertThat(outcome.openReviews()).isEqualTo(2);
    assertThat(outcome.verdict())
        .startsWith("SOME ORDERS ARE NOT FINAL: 2 of 4 orders are still held for review")
        .doesNotContain("every order reached a final status");
    assertThat(outcome.reviewLine())
        .startsWith("2 held for review")
        .contains("velocity_1m=1")
        .contains("unverified_large_amount=1")
        .endsWith("0 approved, 0 rejected, 0 expired, 2 still open");
  }

  @Test
  void rejectedByReviewIsFinalAndTheSummaryCountsApprovedRejectedAndExpiredReviews() {
    List<String> large = List.of("new_customer_large_amount", "unverified_large_amount");
    List<String> burst = List.of("velocity_1m", "country_mismatch");
    DemoOutcome outcome =
        DemoOutcome.of(
            List.of(
                new DemoOutcome.Order("PAID", List.of()),
                new DemoOutcome.Order("PAID", large, "APPROVE"),
                new DemoOutcome.Order("PAYMENT_DECLINED", large, "APPROVE"),
                new DemoOutcome.Order("REJECTED_BY_REVIEW", large, "REJECT"),
                new DemoOutcome.Order("REJECTED_BY_REVIEW", burst, "REJECT"),
                new DemoOutcome.Order("REJECTED_BY_REVIEW", burst, "EXPIRE")));

    assertThat(outcome.settled()).isTrue();
    assertThat(outcome.verdict()).isEqualTo("every order reached a final status");
    assertThat(outcome.held()).isEqualTo(5);
    assertThat(outcome.reviewed(DemoOutcome.APPROVED)).isEqualTo(2);
    assertThat(outcome.reviewed(DemoOutcome.REJECTED)).isEqualTo(2);
    assertThat(outcome.reviewed(DemoOutcome.EXPIRED)).isEqualTo(1);
    assertThat(outcome.count("REJECTED_BY_REVIEW")).isEqualTo(3);
    assertThat(outcome.reviewLine())
        .isEqualTo(
            "5 held for review (by {country_mismatch=2, new_customer_large_amount=3,"
                + " unverified_large_amount=3, velocity_1m=2}): 2 approved, 2 rejected, 1 expired,"
                + " 0 still open");
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
                new DemoOutcome.Order("APPROVED", List.of()),
                new DemoOutcome.Order("IN_REVIEW", List.of("velocity_1m"))));

    assertThat(done.verdict()).isEqualTo("every order reached a final status");
    assertThat(done.reviewLine()).isEqualTo("no order was held for review");
    assertThat(stuck.settled()).isFalse();
    assertThat(stuck.verdict())
        .isEqualTo("SOME ORDERS DID NOT SETTLE: 1 still in flight, 1 still held for review");
  }

  @Test
  void theReviewerRejectsTheFraudBurstAndApprovesTwoThirdsOfTheGoodCustomersHeldOrders() {
    DemoReviewer.Policy policy = new DemoReviewer.Policy("demo-run-fraudster");
    List<DemoReviewer.Verdict> good = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      good.add(policy.decide(review("demo-run-n" + i)));
    }
    DemoReviewer.Verdict fraud = policy.decide(review("demo-run-fraudster"));

    assertThat(good).filteredOn(v -> v.decision() == Decision.APPROVE).hasSize(6);
    assertThat(good).filteredOn(v -> v.decision() == Decision.REJECT).hasSize(3);
    assertThat(fraud.decision()).isEqualTo(Decision.REJECT);
    assertThat(fraud.note()).startsWith("fraud burst");
    // Notes go through the contract's printable rule: short, plain text.
    assertThat(good)
        .extracting(DemoReviewer.Verdict::note)
        .allSatisfy(note -> assertThat(note).isNotBlank().hasSizeLessThan(500));
  }

  @Test
  void theFraudBurstIsHeldFromItsFourthOrderAndDeclinedFromItsFourthCard() {
    List<String> tokens = DemoTraffic.BURST_TOKENS;
    // The burst-velocity rule fires from the fourth order in a minute (more than 3).
    assertThat(tokens).hasSizeGreaterThan(4);
    assertThat(tokens.subList(0, 4).stream().distinct()).hasSize(3);
    assertThat(tokens.stream().distinct()).hasSizeGreaterThan(4);
    assertThat(DemoTraffic.LARGE_AMOUNT_MINOR).isGreaterThanOrEqualTo(50_000);
    // Even the smallest demo has good customers and held large orders.
    int smallest = DemoTraffic.MIN_ORDERS;
    assertThat(DemoTraffic.largeOrders(smallest)).isGreaterThanOrEqualTo(2);
    assertThat(smallest - tokens.size() - DemoTraffic.largeOrders(smallest) - 2).isPositive();
  }

  @Test
  void aPageOfReviewsIsReadWithItsCursor() throws Exception {
    String body =
        """
        {"reviews":[
          {"orderId":"demo-a","customerId":"demo-a-n0","amountMinor":60000,"currency":"EUR",
           "score":55,"reasons":["new_customer_large_amount","unverified_large_amount"],
           "heldAt":"2026-12-02T01:00:00Z"},
          {"orderId":"demo-b","customerId":"demo-a-fraudster","amountMinor":9900,"currency":"EUR",
           "score":45,"reasons":[{"rule":"velocity_1m"},{"rule":"country_mismatch"}],
           "heldAt":"2026-12-02T01:00:01Z"}],
         "next":"c-2"}\
        """;

    ReviewApi.Page page = ReviewApi.page(new ObjectMapper().readTree(body));
    ReviewApi.Page last =
        ReviewApi.page(new ObjectMapper().readTree("{\"reviews\":[],\"next\":null}"));

    assertThat(page.next()).isEqualTo("c-2");
    assertThat(page.reviews())
        .containsExactly(
            new Review(
                "demo-a",
                "demo-a-n0",
                60_000,
                "EUR",
                55,
                List.of("new_customer_large_amount", "unverified_large_amount"),
                "2026-12-02T01:00:00Z"),
            new Review(
                "demo-b",
                "demo-a-fraudster",
                9_900,
                "EUR",
                45,
                List.of("velocity_1m", "country_mismatch"),
                "2026-12-02T01:00:01Z"));
    assertThat(last.reviews()).isEmpty();
    assertThat(last.next()).isNull();
    assertThat(ReviewApi.reviewsPath(null)).isEqualTo("/v1/reviews?status=open&limit=50");
    assertThat(ReviewApi.reviewsPath("a b")).endsWith("&cursor=a+b");
    assertThat(new ObjectMapper().readTree(ReviewApi.decisionBody(Decision.APPROVE, "r-1", null)))
        .hasToString("{\"decision\":\"APPROVE\",\"reviewer\":\"r-1\"}");
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

  private static Review review(String customerId) {
    return new Review(
        "order-" + customerId, customerId, 60_000, "EUR", 55, List.of("velocity_1m"), null);
  }

  @Test
  void theFraudBurstLineCountsOrdersStoppedByRiskAndByReviewApartFromThosePaid() {
    assertThat(
            DemoOutcome.burstLine(
                Map.of("PAID", 3, "REJECTED_BY_REVIEW", 1, "DECLINED_BY_RISK", 2)))
        .isEqualTo(
            "6 orders: 3 stopped (2 declined by risk, 1 rejected by review), 0 still held,"
                + " 3 paid before the velocity rules fired");
  }
}
