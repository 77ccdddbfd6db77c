package io.payrail.audit.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.audit.Discrepancy;
import io.payrail.audit.DiscrepancyKind;
import io.payrail.audit.kafka.ResultTopics;
import io.payrail.audit.ledger.LedgerRows;
import io.payrail.audit.ledger.PaymentRow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PaymentLedgerCheckTest {

  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
  private static final Duration THRESHOLD = Duration.ofMinutes(15);
  private static final ResultTopics NO_EVENTS =
      new ResultTopics(
          List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), Map.of(), List.of(),
          Set.of());

  @Test
  void paymentUnknownLongerThanTheThresholdIsReported() {
    List<Discrepancy> found = check(unknownSince(NOW.minus(THRESHOLD).minusSeconds(1)));

    assertThat(found)
        .singleElement()
        .satisfies(
            discrepancy ->
                assertThat(discrepancy.kind()).isEqualTo(DiscrepancyKind.PAYMENT_UNKNOWN_TOO_LONG));
  }

  @Test
  void paymentUnknownWithinTheThresholdWaitsForTheReconcilerWithoutDiscrepancy() {
    List<Discrepancy> found = check(unknownSince(NOW.minusSeconds(30)));

    assertThat(found).isEmpty();
    LedgerRows ledger =
        new LedgerRows(List.of(unknownSince(NOW)), List.of(), List.of(), List.of(), List.of());
    assertThat(new ChargeCheck().check(NO_EVENTS, ledger)).isEmpty();
  }

  @Test
  void paymentAwaitingItsPointsLongerThanTheSettleTimeIsReportedAndAYoungerOneIsNot() {
    Duration settle = Duration.ofMinutes(2);
    PaymentRow old = awaitingPoints("order-1", NOW.minus(settle).minusSeconds(1));
    PaymentRow young = awaitingPoints("order-2", NOW.minusSeconds(30));
    LedgerRows ledger =
        new LedgerRows(List.of(old, young), List.of(), List.of(), List.of(), List.of());

    List<Discrepancy> found =
        new PaymentLedgerCheck(THRESHOLD, settle, NOW).check(NO_EVENTS, ledger);

    // Not published, not final: never a row without event.
    assertThat(found)
        .singleElement()
        .satisfies(
            discrepancy -> {
              assertThat(discrepancy.kind())
                  .isEqualTo(DiscrepancyKind.PAYMENT_AWAITING_POINTS_TOO_LONG);
              assertThat(discrepancy.orderId()).isEqualTo("m-1/order-1");
            });
    assertThat(new ChargeCheck().check(NO_EVENTS, ledger)).isEmpty();
  }

  private static PaymentRow awaitingPoints(String orderId, Instant since) {
    return new PaymentRow(
        "pay_" + orderId,
        "m-1",
        orderId,
        "customer-1",
        4_200,
        "EUR",
        PaymentRow.AWAITING_POINTS,
        null,
        "payrail:charge:pay_" + orderId,
        since);
  }

  private static List<Discrepancy> check(PaymentRow row) {
    return new PaymentLedgerCheck(THRESHOLD, NOW)
        .check(NO_EVENTS, new LedgerRows(List.of(row), List.of(), List.of(), List.of(), List.of()));
  }

  private static PaymentRow unknownSince(Instant since) {
    return new PaymentRow(
        "pay_1",
        "m-1",
        "order-1",
        "customer-1",
        4_250,
        "EUR",
        "UNKNOWN",
        null,
        "payrail:charge:order-1",
        since);
  }
}
