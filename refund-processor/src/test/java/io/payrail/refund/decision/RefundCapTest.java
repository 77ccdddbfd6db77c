package io.payrail.refund.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.payrail.events.RefundRequested;
import io.payrail.refund.intake.RefundRequest;
import io.payrail.refund.ledger.LedgerSnapshot;
import io.payrail.refund.ledger.LedgerStatus;
import io.payrail.refund.ledger.PaymentSnapshot;
import io.payrail.refund.ledger.RefundKey;
import io.payrail.refund.ledger.RefundRow;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.keys.OrderKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An order keeps at most {@link ContractRules#MAX_REFUNDS_PER_ORDER} refunds. */
class RefundCapTest {

  private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
  private static final OrderKey ORDER = new OrderKey("m-1", "o-1");
  private static final PaymentSnapshot CAPTURED =
      new PaymentSnapshot("pay-1", "o-1", "c-1", "m-1", 100_000, "EUR", "CAPTURED", "ch_1");
  private static final int CAP = ContractRules.MAX_REFUNDS_PER_ORDER;

  private final RefundDecider decider = new RefundDecider();

  @Test
  void aRefundBeyondTheCapIsRejectedAndNotKept() {
    RefundOutcome beyond =
        decideOne(
            request("r-new", 0),
            new LedgerSnapshot(Map.of(ORDER, CAPTURED), Map.of(), Map.of(), Map.of(ORDER, CAP)));

    assertThat(beyond.row().status()).isEqualTo(LedgerStatus.REJECTED);
    assertThat(beyond.row().rejectionCode()).isEqualTo("too_many_refunds");
    assertThat(beyond.kind()).isEqualTo(OutcomeKind.NOT_RECORDED);
  }

  @Test
  void theLastRefundUnderTheCapIsReservedAndTheNextOfTheSameBatchRejected() {
    List<RefundOutcome> outcomes =
        decider.decide(
            List.of(request("r-last", 0), request("r-beyond", 1)),
            new LedgerSnapshot(Map.of(ORDER, CAPTURED), Map.of(), Map.of(), Map.of(ORDER, CAP - 1)),
            NOW);

    assertThat(outcomes)
        .extracting(o -> o.row().status(), o -> o.row().rejectionCode(), RefundOutcome::kind)
        .containsExactly(
            tuple(LedgerStatus.PENDING, null, OutcomeKind.RECORDED),
            tuple(LedgerStatus.REJECTED, "too_many_refunds", OutcomeKind.NOT_RECORDED));
  }

  @Test
  void aKeptRefundIsStillAnsweredOnceTheOrderIsAtTheCap() {
    RefundRequest first = request("r-kept", 0);
    RefundRow completed =
        decideOne(first, new LedgerSnapshot(Map.of(ORDER, CAPTURED), Map.of(), Map.of()))
            .row()
            .withOutcome(LedgerStatus.COMPLETED, "re_1", null, 10, first.source(), NOW);

    RefundOutcome replayed =
        decideOne(
            request("r-kept", 1),
            new LedgerSnapshot(
                Map.of(ORDER, CAPTURED),
                Map.of(ORDER, 10L),
                Map.of(new RefundKey("m-1", "r-kept"), completed),
                Map.of(ORDER, CAP)));

    assertThat(replayed.kind()).isEqualTo(OutcomeKind.REPLAYED);
    assertThat(replayed.row()).isEqualTo(completed);
  }

  private RefundOutcome decideOne(RefundRequest request, LedgerSnapshot snapshot) {
    return decider.decide(List.of(request), snapshot, NOW).get(0);
  }

  private static RefundRequest request(String refundId, long offset) {
    return new RefundRequest(
        RefundRequested.newBuilder()
            .setRefundId(refundId)
            .setOrderId("o-1")
            .setMerchantId("m-1")
            .setAmountMinor(10L)
            .setCurrency(null)
            .setReason("requested_by_customer")
            .setRequestedAt(NOW)
            .build(),
        0,
        offset);
  }
}
