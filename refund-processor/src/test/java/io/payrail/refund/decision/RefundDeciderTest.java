package io.payrail.refund.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.payrail.events.RefundRequested;
import io.payrail.gateway.refund.RefundResponse;
import io.payrail.listener.reconcile.Resolution;
import io.payrail.listener.reconcile.SourceRecord;
import io.payrail.refund.intake.RefundRequest;
import io.payrail.refund.ledger.LedgerSnapshot;
import io.payrail.refund.ledger.LedgerStatus;
import io.payrail.refund.ledger.PaymentSnapshot;
import io.payrail.refund.ledger.RefundKey;
import io.payrail.refund.ledger.RefundRow;
import io.payrail.refund.ledger.StatusUpdate;
import io.payrail.schemas.keys.OrderKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RefundDeciderTest {

  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00.123456Z");
  private static final OrderKey ORDER = new OrderKey("m-1", "o-1");
  private static final PaymentSnapshot CAPTURED =
      new PaymentSnapshot("pay-1", "o-1", "c-1", "m-1", 1_000, "EUR", "CAPTURED", "ch_1");

  private final RefundDecider decider = new RefundDecider();

  @Test
  void laterRequestsOfABatchSeeTheRefundsOfEarlierOnes() {
    List<RefundOutcome> outcomes =
        decider.decide(
            List.of(request("r1", 700L, 0), request("r2", 400L, 1), request("r3", null, 2)),
            new LedgerSnapshot(Map.of(ORDER, CAPTURED), Map.of(), Map.of()),
            NOW);

    assertThat(outcomes)
        .extracting(o -> o.row().status(), o -> o.row().amountMinor(), o -> o.kind())
        .containsExactly(
            tuple(LedgerStatus.PENDING, 700L, OutcomeKind.RECORDED),
            tuple(LedgerStatus.REJECTED, 400L, OutcomeKind.RECORDED),
            tuple(LedgerStatus.PENDING, 300L, OutcomeKind.RECORDED));
    assertThat(outcomes.get(2).row().refundedTotalMinor()).isEqualTo(1_000);
    assertThat(outcomes.get(0).row().createdAt())
        .isEqualTo(Instant.parse("2026-11-26T10:00:00.123Z"));
  }

  @Test
  void keptRefundIdAnswersItsFirstOutcomeOrAMismatch() {
    RefundRow completed = paidBack(reserve("r1", 300L, 0));
    LedgerSnapshot afterwards =
        new LedgerSnapshot(
            Map.of(ORDER, CAPTURED),
            Map.of(ORDER, 300L),
            Map.of(new RefundKey("m-1", "r1"), completed));

    List<RefundOutcome> again =
        decider.decide(List.of(request("r1", 300L, 5), request("r1", 301L, 6)), afterwards, NOW);

    assertThat(again.get(0).kind()).isEqualTo(OutcomeKind.REPLAYED);
    assertThat(again.get(0).row()).isEqualTo(completed);
    assertThat(again.get(1).kind()).isEqualTo(OutcomeKind.NOT_RECORDED);
    assertThat(again.get(1).row().rejectionCode()).isEqualTo("idempotency_mismatch");
  }

  @Test
  void ownReservationIsResumedAndAnotherRequestsIsLeftUnanswered() {
    RefundRow reserved = reserve("r1", 300L, 0).row();

    assertThat(keptKind(reserved, 0)).isEqualTo(OutcomeKind.RESUMED);
    assertThat(keptKind(reserved, 5)).isEqualTo(OutcomeKind.UNANSWERED);
  }

  @Test
  void refundWaitingForTheReconcilerIsNotAnsweredByItsRequestAgain() {
    RefundOutcome reserved = reserve("r1", 300L, 0);
    RefundRow unknown =
        decider
            .gatewayResults(
                List.of(reserved),
                Map.of(new RefundKey("m-1", "r1"), new RefundResponse.Unknown("gateway_timeout")),
                NOW)
            .get(0)
            .row();

    assertThat(unknown.status()).isEqualTo(LedgerStatus.UNKNOWN);
    assertThat(unknown.finalizedBy()).isNull();
    assertThat(keptKind(unknown, 0)).isEqualTo(OutcomeKind.UNANSWERED);
    assertThat(keptKind(unknown, 5)).isEqualTo(OutcomeKind.UNANSWERED);
  }

  @Test
  void refundTheReconcilerFinalizedIsPublishedByItsResolutionNotByItsRequest() {
    SourceRecord resolution = new SourceRecord("refund-processor-resolutions", 3, 42);
    RefundRow unknown =
        reserve("r1", 300L, 0).row().withOutcome(LedgerStatus.UNKNOWN, null, null, 300, null, NOW);
    RefundRow resolved =
        RefundDecider.resolve(unknown, new Resolution("COMPLETED", "re_1", null), resolution, NOW)
            .row();

    assertThat(resolved.status()).isEqualTo(LedgerStatus.COMPLETED);
    assertThat(resolved.finalizedBy(resolution)).isTrue();
    assertThat(keptKind(resolved, 0)).isEqualTo(OutcomeKind.UNANSWERED);
    assertThat(keptKind(resolved, 5)).isEqualTo(OutcomeKind.REPLAYED);
  }

  @Test
  void refundTheAcquirerNeverPaidBackIsRejectedAndReleasesItsReservation() {
    RefundRow unknown =
        reserve("r1", 300L, 0).row().withOutcome(LedgerStatus.UNKNOWN, null, null, 300, null, NOW);

    StatusUpdate released =
        RefundDecider.resolve(
            unknown,
            new Resolution("REJECTED", null, "refund_failed"),
            new SourceRecord("refund-processor-resolutions", 0, 1),
            NOW);

    assertThat(released.from()).isEqualTo(LedgerStatus.UNKNOWN);
    assertThat(released.row().status()).isEqualTo(LedgerStatus.REJECTED);
    assertThat(released.row().rejectionCode()).isEqualTo("refund_failed");
    assertThat(released.row().refundedTotalMinor()).isZero();
    assertThat(released.row().gatewayReference()).isNull();
  }

  private RefundOutcome reserve(String refundId, long amount, long offset) {
    return decider
        .decide(
            List.of(request(refundId, amount, offset)),
            new LedgerSnapshot(Map.of(ORDER, CAPTURED), Map.of(), Map.of()),
            NOW)
        .get(0);
  }

  private RefundRow paidBack(RefundOutcome reserved) {
    return decider
        .gatewayResults(
            List.of(reserved),
            Map.of(reserved.row().key(), new RefundResponse.Refunded("re_1", false)),
            NOW)
        .get(0)
        .row();
  }

  /** What a request for the kept row's refundId, at this offset of partition 0, does with it. */
  private OutcomeKind keptKind(RefundRow kept, long offset) {
    return decider
        .decide(
            List.of(request(kept.refundId(), kept.amountMinor(), offset)),
            new LedgerSnapshot(
                Map.of(ORDER, CAPTURED),
                Map.of(ORDER, kept.refundedTotalMinor()),
                Map.of(kept.key(), kept)),
            NOW)
        .get(0)
        .kind();
  }

  @Test
  void paymentNotYetCapturedOrUnknownIsRejectedWithoutKeepingTheRefundId() {
    PaymentSnapshot pending =
        new PaymentSnapshot("pay-1", "o-1", "c-1", "m-1", 1_000, "EUR", "PENDING", null);

    RefundOutcome notCaptured =
        decider
            .decide(
                List.of(request("r1", 100L, 0)),
                new LedgerSnapshot(Map.of(ORDER, pending), Map.of(), Map.of()),
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

  @Test
  void aRefundIdAnotherMerchantKeepsIsANewRefundOfThisMerchantsOwnOrder() {
    RefundRow merchantOnes = paidBack(reserve("r1", 300L, 0));
    OrderKey otherOrder = new OrderKey("m-2", "o-1");
    PaymentSnapshot otherPayment =
        new PaymentSnapshot("pay-2", "o-1", "c-2", "m-2", 500, "EUR", "CAPTURED", "ch_2");

    RefundOutcome other =
        decider
            .decide(
                List.of(request("m-2", "r1", 300L, 1)),
                new LedgerSnapshot(
                    Map.of(ORDER, CAPTURED, otherOrder, otherPayment),
                    Map.of(ORDER, 300L),
                    Map.of(merchantOnes.key(), merchantOnes)),
                NOW)
            .get(0);

    assertThat(other.kind()).isEqualTo(OutcomeKind.RECORDED);
    assertThat(other.row().status()).isEqualTo(LedgerStatus.PENDING);
    assertThat(other.row().paymentId()).isEqualTo("pay-2");
    assertThat(other.row().refundedTotalMinor()).isEqualTo(300);
    assertThat(other.row().capturedAmountMinor()).isEqualTo(500);
    assertThat(other.row().acquirerKey())
        .isEqualTo(new RefundKey("m-2", "r1").newAcquirerKey())
        .isNotEqualTo(merchantOnes.acquirerKey())
        .startsWith("payrail:refund:")
        .hasSize(47);
  }

  @Test
  void anotherMerchantsOrderIsUnknownToTheAskingMerchant() {
    RefundOutcome other =
        decider
            .decide(
                List.of(request("m-2", "r1", 100L, 0)),
                new LedgerSnapshot(Map.of(ORDER, CAPTURED), Map.of(), Map.of()),
                NOW)
            .get(0);

    assertThat(other.row().rejectionCode()).isEqualTo("unknown_order");
    assertThat(other.row().customerId()).isNull();
    assertThat(other.payment()).isNull();
  }

  @Test
  void aReservationKeptBeforeKeysWereMerchantScopedIsResumedUnderItsOwnKey() {
    RefundRow reserved = reserve("r1", 300L, 0).row();
    RefundRow legacy = withAcquirerKey(reserved, "r1");

    RefundOutcome resumed =
        decider
            .decide(
                List.of(request("r1", 300L, 0)),
                new LedgerSnapshot(
                    Map.of(ORDER, CAPTURED), Map.of(ORDER, 300L), Map.of(legacy.key(), legacy)),
                NOW)
            .get(0);

    assertThat(resumed.kind()).isEqualTo(OutcomeKind.RESUMED);
    assertThat(resumed.row().acquirerKey()).isEqualTo("r1");
  }

  private static RefundRow withAcquirerKey(RefundRow row, String acquirerKey) {
    return new RefundRow(
        row.refundId(),
        acquirerKey,
        row.orderId(),
        row.paymentId(),
        row.merchantId(),
        row.customerId(),
        row.amountMinor(),
        row.currency(),
        row.status(),
        row.reason(),
        row.rejectionCode(),
        row.refundedTotalMinor(),
        row.capturedAmountMinor(),
        row.gatewayReference(),
        row.fingerprint(),
        row.sourcePartition(),
        row.sourceOffset(),
        row.createdAt(),
        row.updatedAt(),
        row.finalizedBy());
  }

  private static RefundRequest request(String refundId, Long amount, long offset) {
    return request("m-1", refundId, amount, offset);
  }

  private static RefundRequest request(
      String merchantId, String refundId, Long amount, long offset) {
    return new RefundRequest(
        RefundRequested.newBuilder()
            .setRefundId(refundId)
            .setOrderId("o-1")
            .setMerchantId(merchantId)
            .setAmountMinor(amount)
            .setCurrency(null)
            .setReason("requested_by_customer")
            .setRequestedAt(NOW)
            .build(),
        0,
        offset);
  }
}
