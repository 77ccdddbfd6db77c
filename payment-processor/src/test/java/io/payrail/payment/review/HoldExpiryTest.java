package io.payrail.payment.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.events.ReviewDecided;
import io.payrail.events.ReviewOutcome;
import io.payrail.payment.ledger.HeldOrder;
import io.payrail.schemas.contract.ContractRules;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HoldExpiryTest {

  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

  @Test
  void anExpiryIsAContractDecisionWithTheSameIdHoweverOftenItIsPublished() {
    HeldOrder held = new HeldOrder("order-1", "merchant-1", NOW.minusSeconds(3 * 24 * 3600));

    ReviewDecided first = HoldExpiry.decision(held, NOW);
    ReviewDecided again = HoldExpiry.decision(held, NOW.plusSeconds(60));

    assertThat(ContractRules.reviewDecision(first)).isEmpty();
    assertThat(first.getDecision()).isEqualTo(ReviewOutcome.EXPIRE);
    assertThat(first.getReviewer()).isEqualTo("payrail-hold-expiry");
    assertThat(first.getMerchantId()).isEqualTo("merchant-1");
    assertThat(first.getDecisionId())
        .isEqualTo(again.getDecisionId())
        .isNotEqualTo(
            HoldExpiry.decision(new HeldOrder("order-2", "merchant-1", NOW), NOW).getDecisionId())
        // Another merchant's order with the same orderId is another order: its own expiry.
        .isNotEqualTo(
            HoldExpiry.decision(new HeldOrder("order-1", "merchant-2", NOW), NOW).getDecisionId())
        .isEqualTo(
            java.util
                .UUID
                .nameUUIDFromBytes(
                    "expire:merchant-1/order-1".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString());
  }
}
