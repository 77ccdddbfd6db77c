package io.payrail.launcher.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.events.ReviewDecided;
import io.payrail.events.ReviewOutcome;
import io.payrail.schemas.contract.ContractRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The chaos load holds some orders for review on purpose, decides each with a valid decision (most
 * approved, some rejected), and counts a held order right only when it ends as its decision calls
 * for.
 */
class ChaosReviewsTest {

  private final ChaosOrders orders = new ChaosOrders("chaos-t-r1-", 2_000, new Random(7));

  @Test
  void someOrdersAreLargeEnoughForRiskToHoldANewCustomersOrder() {
    List<OrderPlaced> placed = new ArrayList<>();
    for (int i = 1; i <= 2_000; i++) {
      placed.add(orders.order(i));
    }

    assertThat(placed)
        .filteredOn(order -> order.getAmountMinor() >= 50_000)
        .hasSizeBetween(20, 120);
  }

  @Test
  void everyHeldOrderGetsAValidDecisionMostlyApprovals() {
    List<ReviewDecided> decisions = new ArrayList<>();
    for (int i = 1; i <= 200; i++) {
      decisions.add(orders.decisionFor(held("chaos-t-r1-o" + i)));
    }

    assertThat(decisions)
        .allSatisfy(
            decision -> {
              assertThat(ContractRules.reviewDecision(decision)).isEmpty();
              assertThat(decision.getMerchantId()).isEqualTo(ChaosOrders.MERCHANT);
              assertThat(decision.getReviewer()).isEqualTo(ChaosOrders.REVIEWER);
              assertThat(decision.getDecisionId()).isEqualTo("rd-" + decision.getOrderId());
            });
    assertThat(decisions)
        .filteredOn(decision -> decision.getDecision() == ReviewOutcome.APPROVE)
        .hasSizeBetween(140, 185);
    assertThat(decisions)
        .filteredOn(decision -> decision.getDecision() == ReviewOutcome.REJECT)
        .hasSizeBetween(15, 60);
  }

  @Test
  void aHeldOrderEndsRightOnlyAsItsDecisionCallsFor() {
    assertThat(ChaosLoad.honours(ReviewOutcome.REJECT, "REJECTED_BY_REVIEW/review_rejected"))
        .isTrue();
    assertThat(ChaosLoad.honours(ReviewOutcome.REJECT, "REJECTED_BY_REVIEW/review_expired"))
        .isFalse();
    assertThat(ChaosLoad.honours(ReviewOutcome.REJECT, "CAPTURED")).isFalse();
    assertThat(ChaosLoad.honours(ReviewOutcome.APPROVE, "CAPTURED")).isTrue();
    assertThat(ChaosLoad.honours(ReviewOutcome.APPROVE, "DECLINED/card_declined")).isTrue();
    assertThat(ChaosLoad.honours(ReviewOutcome.APPROVE, "FAILED/processing_error")).isTrue();
    assertThat(ChaosLoad.honours(ReviewOutcome.APPROVE, "REJECTED_BY_REVIEW/review_rejected"))
        .isFalse();
    assertThat(ChaosLoad.honours(null, "REJECTED_BY_REVIEW/review_expired")).isFalse();
  }

  private static PaymentProcessed held(String orderId) {
    return PaymentProcessed.newBuilder()
        .setPaymentId("pay-" + orderId)
        .setOrderId(orderId)
        .setCustomerId("chaos-t-r1-c1")
        .setMerchantId(ChaosOrders.MERCHANT)
        .setAmountMinor(60_000)
        .setCurrency("EUR")
        .setStatus(PaymentStatus.HELD_FOR_REVIEW)
        .setDeclineCode(null)
        .setGatewayReference(null)
        .setRiskScore(55)
        .setProcessedAt(Instant.now())
        .build();
  }
}
