package io.payrail.refund.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.payrail.events.RefundRequested;
import io.payrail.events.RefundStatus;
import io.payrail.refund.intake.RefundRequest;
import io.payrail.refund.ledger.LedgerSnapshot;
import io.payrail.refund.ledger.PaymentSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RefundDeciderTest {

  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00.123456Z");
  private static final PaymentSnapshot CAPTURED =
      new PaymentSnapshot("pay-1", "o-1", "c-1", "m-1", 1_000, "EUR", "CAPTURED", "ch_1");

  private final RefundDecider decider = new RefundDecider();

  @Test
  void laterRequestsOfABatchSeeTheRefundsOfEarlierOnes() {
    List<RefundOutcome> outcomes =
        decider.decide(
            List.of(request("r1", 700L, 0), request("r2", 400L, 1), request("r3", null, 2)),
            new LedgerSnapshot(Map.of("o-1", CAPTURED), Map.of(), Map.of()),
            NOW);

    assertThat(outcomes)
        .extracting(o -> o.row().status(), o -> o.row().amountMinor(), o -> o.kind())
        .containsExactly(
            tuple(RefundStatus.COMPLETED, 700L, OutcomeKind.RECORDED),
            tuple(RefundStatus.REJECTED, 400L, OutcomeKind.RECORDED),
            tuple(RefundStatus.COMPLETED, 300L, OutcomeKind.RECORDED));
    assertThat(outcomes.get(2).row().refundedTotalMinor()).isEqualTo(1_000);
    assertThat(outcomes.get(0).row().createdAt())
        .isEqualTo(Instant.parse("2026-11-26T10:00:00.123Z"));
  }

  @Test
  void keptRefundIdAnswersItsFirstOutcomeOrAMismatch() {
    RefundOutcome first =
        decider
            .decide(
                List.of(request("r1", 300L, 0)),
                new LedgerSnapshot(Map.of("o-1", CAPTURED), Map.of(), Map.of()),
                NOW)
            .get(0);
    LedgerSnapshot afterwards =
        new LedgerSnapshot(Map.of("o-1", CAPTURED), Map.of("o-1", 300L), Map.of("r1", first.row()));

    List<RefundOutcome> again =
        decider.decide(List.of(request("r1", 300L, 5), request("r1", 301L, 6)), afterwards, NOW);

    assertThat(again.get(0).kind()).isEqualTo(OutcomeKind.REPLAYED);
    assertThat(again.get(0).row()).isEqualTo(first.row());
    assertThat(again.get(1).kind()).isEqualTo(OutcomeKind.NOT_RECORDED);
    assertThat(again.get(1).row().rejectionCode()).isEqualTo("idempotency_mismatch");
  }

  @Test
  void paymentNotYetCapturedOrUnknownIsRejectedWithoutKeepingTheRefundId() {
    PaymentSnapshot pending =
        new PaymentSnapshot("pay-1", "o-1", "c-1", "m-1", 1_000, "EUR", "PENDING", null);

    RefundOutcome notCaptured =
        decider
            .decide(
                List.of(request("r1", 100L, 0)),
                new LedgerSnapshot(Map.of("o-1", pending), Map.of(), Map.of()),
                NOW)
            .get(0);
    RefundOutcome unknown =
        decider
            .decide(
                List.of(request("r1", 100L, 0)),
                new LedgerSnapshot(Map.of(), Map.of(), Map.of()),
                NOW)
            .get(0);

    assertThat(notCaptured.row().rejectionCode()).isEqualTo("not_captured");
    assertThat(notCaptured.row().capturedAmountMinor()).isZero();
    assertThat(unknown.row().rejectionCode()).isEqualTo("unknown_order");
    assertThat(unknown.row().currency()).isEqualTo(RefundDecider.NO_CURRENCY);
    assertThat(List.of(notCaptured.kind(), unknown.kind())).containsOnly(OutcomeKind.NOT_RECORDED);
  }

  private static RefundRequest request(String refundId, Long amount, long offset) {
    return new RefundRequest(
        RefundRequested.newBuilder()
            .setRefundId(refundId)
            .setOrderId("o-1")
            .setMerchantId("m-1")
            .setAmountMinor(amount)
            .setCurrency(null)
            .setReason("requested_by_customer")
            .setRequestedAt(NOW)
            .build(),
        0,
        offset);
  }
}
