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
import io.payrail.schemas.keys.OrderKey;
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
  private static final PaymentRow CAPTURED = captured("merchant-1");

  @Test
  void twoMerchantsRefundingTheirOwnOrderUnderTheSameRefundIdAreTwoRefunds() {
    // Both merchants' order "order-1" captured 4,250 and refunded 3,000 as "r-1": 6,000 refunded
    // of one order would exceed its capture, and one acquirer refund would lack.
    List<RefundRow> rows = List.of(completed("merchant-1"), completed("merchant-2"));
    List<AcquirerRefundRow> paidBack =
        rows.stream()
            .map(
                row ->
                    new AcquirerRefundRow(
                        row.acquirerKey(),
                        "re_" + row.merchantId(),
                        row.merchantId(),
                        row.orderId(),
                        row.amountMinor(),
                        "EUR"))
            .toList();
    List<Event<RefundProcessed>> refunded =
        rows.stream()
            .map(
                row ->
                    new Event<>(
                        OrderKey.of(row.merchantId(), row.orderId()),
                        refunded(row),
                        new RecordCoordinates("refunds", 0, 1),
                        NOW))
            .toList();
    ResultTopics events =
        new ResultTopics(
            List.of(), List.of(), List.of(), refunded, List.of(), List.of(), Map.of(), List.of(),
            Set.of());

    List<Discrepancy> found =
        new RefundCheck(THRESHOLD, NOW)
            .check(
                events,
                new LedgerRows(
                    List.of(captured("merchant-1"), captured("merchant-2")),
                    List.of(),
                    rows,
                    paidBack,
                    List.of()));

    assertThat(found).isEmpty();
  }

  private static PaymentRow captured(String merchantId) {
    return new PaymentRow(
        "pay_" + merchantId,
        merchantId,
        "order-1",
        "customer-1",
        4_250,
        "EUR",
        "CAPTURED",
        "ch_" + merchantId,
        "payrail:charge:pay_" + merchantId,
        NOW);
  }

  private static RefundRow completed(String merchantId) {
    return new RefundRow(
        "r-1",
        merchantId,
        "order-1",
        "customer-1",
        3_000,
        "EUR",
        "COMPLETED",
        "re_" + merchantId,
        "payrail:refund:" + merchantId,
        NOW);
  }

  private static RefundProcessed refunded(RefundRow row) {
    return RefundProcessed.newBuilder()
        .setRefundId(row.refundId())
        .setOrderId(row.orderId())
        .setCustomerId(row.customerId())
        .setMerchantId(row.merchantId())
        .setAmountMinor(row.amountMinor())
        .setCurrency("EUR")
        .setStatus(RefundStatus.COMPLETED)
        .setReason("requested_by_customer")
        .setRefundedTotalMinor(row.amountMinor())
        .setCapturedAmountMinor(4_250)
        .setProcessedAt(NOW)
        .build();
  }

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
            List.of(
                new Event<>(
                    "merchant-1/order-1", beyond, new RecordCoordinates("refunds", 0, 7), NOW)),
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
    AcquirerRefundRow paidBack =
        new AcquirerRefundRow("r-1", "re_1", "merchant-1", "order-1", 1_000, "EUR");
    return new RefundCheck(THRESHOLD, NOW)
        .check(
            NO_EVENTS,
            new LedgerRows(
                List.of(CAPTURED), List.of(), List.of(row), List.of(paidBack), List.of()));
  }

  private static RefundRow unknownSince(Instant since) {
    return new RefundRow(
        "r-1", "merchant-1", "order-1", "customer-1", 1_000, "EUR", "UNKNOWN", null, "r-1", since);
  }
}
