package io.payrail.audit.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.audit.Discrepancy;
import io.payrail.audit.DiscrepancyKind;
import io.payrail.audit.kafka.Event;
import io.payrail.audit.kafka.RecordCoordinates;
import io.payrail.audit.kafka.ResultTopics;
import io.payrail.audit.ledger.AcquirerRefundRow;
import io.payrail.audit.ledger.LedgerRows;
import io.payrail.audit.ledger.PaymentRow;
import io.payrail.audit.ledger.RefundRow;
import io.payrail.events.RefundProcessed;
import io.payrail.events.RefundStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RefundCheckTest {

  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  private static final Duration THRESHOLD = Duration.ofMinutes(15);
  private static final ResultTopics NO_EVENTS =
      new ResultTopics(
          List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), Map.of(), List.of(),
          Set.of());
  private static final PaymentRow CAPTURED =
      new PaymentRow("pay_1", "order-1", "customer-1", 4_250, "EUR", "CAPTURED", "ch_1", NOW);

  @Test
  void refundUnknownLongerThanTheThresholdIsReported() {
    List<Discrepancy> found = check(unknownSince(NOW.minus(THRESHOLD).minusSeconds(1)));

    assertThat(found)
        .singleElement()
        .satisfies(
            discrepancy ->
                assertThat(discrepancy.kind()).isEqualTo(DiscrepancyKind.REFUND_UNKNOWN_TOO_LONG));
  }

  @Test
  void refundUnknownWithinTheThresholdWaitsForTheReconcilerEvenIfTheAcquirerPaidItBack() {
    List<Discrepancy> found = check(unknownSince(NOW.minusSeconds(30)));

    assertThat(found).isEmpty();
  }

  @Test
  void rejectionBeyondTheOrdersRefundCapHasNoRowAndIsNoDiscrepancy() {
    RefundProcessed beyond =
        RefundProcessed.newBuilder()
            .setRefundId("r-101")
            .setOrderId("order-1")
            .setCustomerId("customer-1")
            .setMerchantId("merchant-1")
            .setAmountMinor(10)
            .setCurrency("EUR")
            .setStatus(RefundStatus.REJECTED)
            .setReason("requested_by_customer")
            .setRejectionCode("too_many_refunds")
            .setRefundedTotalMinor(0)
            .setCapturedAmountMinor(4_250)
            .setProcessedAt(NOW)
            .build();
    ResultTopics events =
        new ResultTopics(
            List.of(),
            List.of(),
            List.of(),
            List.of(new Event<>("order-1", beyond, new RecordCoordinates("refunds", 0, 7), NOW)),
            List.of(),
            List.of(),
            Map.of(),
            List.of(),
            Set.of());

    List<Discrepancy> found =
        new RefundCheck(THRESHOLD, NOW)
            .check(
                events,
                new LedgerRows(List.of(CAPTURED), List.of(), List.of(), List.of(), List.of()));

    assertThat(found).isEmpty();
  }

  private static List<Discrepancy> check(RefundRow row) {
    // The acquirer paid it back; its answer was lost, so the row is UNKNOWN and has no event.
    AcquirerRefundRow paidBack = new AcquirerRefundRow("r-1", "re_1", "order-1", 1_000, "EUR");
    return new RefundCheck(THRESHOLD, NOW)
        .check(
            NO_EVENTS,
            new LedgerRows(
                List.of(CAPTURED), List.of(), List.of(row), List.of(paidBack), List.of()));
  }

  private static RefundRow unknownSince(Instant since) {
    return new RefundRow("r-1", "order-1", "customer-1", 1_000, "EUR", "UNKNOWN", null, since);
  }
}
