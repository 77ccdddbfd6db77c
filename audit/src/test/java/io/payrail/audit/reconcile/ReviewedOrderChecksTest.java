package io.payrail.audit.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.audit.Discrepancy;
import io.payrail.audit.DiscrepancyKind;
import io.payrail.audit.kafka.Event;
import io.payrail.audit.kafka.RecordCoordinates;
import io.payrail.audit.kafka.ResultTopics;
import io.payrail.audit.ledger.ChargeRow;
import io.payrail.audit.ledger.LedgerRows;
import io.payrail.audit.ledger.PaymentRow;
import io.payrail.audit.ledger.PaymentStatusChange;
import io.payrail.events.Channel;
import io.payrail.events.LineItem;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentMethod;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.events.RiskAssessed;
import io.payrail.events.RiskDecision;
import io.payrail.schemas.keys.OrderKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The payment checks on orders risk held for review, as pure checks: REJECTED_BY_REVIEW rows need
 * the payment-processor's V5 migration, which the database of AuditTest does not have yet (its
 * status check refuses them). The flows a review approves audit on the real stack in AuditTest.
 */
class ReviewedOrderChecksTest {

  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final String MERCHANT = "merchant-1";
  private static final String ORDER = "order-1";
  private static final String CUSTOMER = "customer-1";
  private static final long AMOUNT = 4_250;

  private final List<Event<PaymentProcessed>> payments = new ArrayList<>();

  @Test
  void orderHeldThenRejectedByReviewAuditsClean() {
    paymentEvent(PaymentStatus.HELD_FOR_REVIEW, "risk_review");
    paymentEvent(PaymentStatus.REJECTED_BY_REVIEW, "review_rejected");

    List<Discrepancy> found =
        audit(
            ledger(
                row(PaymentRow.REJECTED_BY_REVIEW),
                List.of(),
                history("HELD_FOR_REVIEW", "REJECTED_BY_REVIEW")));

    assertThat(found).isEmpty();
  }

  @Test
  void orderHeldThenApprovedAndCapturedAuditsClean() {
    paymentEvent(PaymentStatus.HELD_FOR_REVIEW, "risk_review");
    paymentEvent(PaymentStatus.CAPTURED, null);

    List<Discrepancy> found =
        audit(
            ledger(
                row(PaymentRow.CAPTURED),
                List.of(charge("APPROVED")),
                history("HELD_FOR_REVIEW", "PENDING", "CAPTURED")));

    assertThat(found).isEmpty();
  }

  @Test
  void heldOrderStillWaitingForItsReviewAuditsClean() {
    paymentEvent(PaymentStatus.HELD_FOR_REVIEW, "risk_review");

    List<Discrepancy> found =
        audit(ledger(row(PaymentRow.HELD_FOR_REVIEW), List.of(), history("HELD_FOR_REVIEW")));

    assertThat(found).isEmpty();
  }

  @Test
  void rejectedByReviewWithAnApprovedChargeIsReportedAsRejectedButCharged() {
    paymentEvent(PaymentStatus.HELD_FOR_REVIEW, "risk_review");
    paymentEvent(PaymentStatus.REJECTED_BY_REVIEW, "review_expired");

    List<Discrepancy> found =
        audit(
            ledger(
                row(PaymentRow.REJECTED_BY_REVIEW),
                List.of(charge("APPROVED")),
                history("HELD_FOR_REVIEW", "REJECTED_BY_REVIEW")));

    assertThat(found)
        .singleElement()
        .satisfies(
            discrepancy -> {
              assertThat(discrepancy.kind()).isEqualTo(DiscrepancyKind.REJECTED_BUT_CHARGED);
              assertThat(discrepancy.orderId()).isEqualTo(OrderKey.of(MERCHANT, ORDER));
              assertThat(discrepancy.detail()).contains("REJECTED_BY_REVIEW").contains("ch_1");
            });
  }

  @Test
  void rejectedByReviewWithADeclinedChargeTookNoMoneyAndAuditsClean() {
    paymentEvent(PaymentStatus.HELD_FOR_REVIEW, "risk_review");
    paymentEvent(PaymentStatus.REJECTED_BY_REVIEW, "review_rejected");

    List<Discrepancy> found =
        audit(
            ledger(
                row(PaymentRow.REJECTED_BY_REVIEW),
                List.of(charge("DECLINED")),
                history("HELD_FOR_REVIEW", "REJECTED_BY_REVIEW")));

    assertThat(found).isEmpty();
  }

  @Test
  void rejectionByReviewNeverPublishedIsReportedAsReviewOutcomeWithoutEvent() {
    paymentEvent(PaymentStatus.HELD_FOR_REVIEW, "risk_review");

    List<Discrepancy> found =
        audit(
            ledger(
                row(PaymentRow.REJECTED_BY_REVIEW),
                List.of(),
                history("HELD_FOR_REVIEW", "REJECTED_BY_REVIEW")));

    assertThat(found)
        .singleElement()
        .satisfies(
            discrepancy -> {
              assertThat(discrepancy.kind())
                  .isEqualTo(DiscrepancyKind.REVIEW_OUTCOME_WITHOUT_EVENT);
              assertThat(discrepancy.detail())
                  .contains("left HELD_FOR_REVIEW for REJECTED_BY_REVIEW");
            });
  }

  @Test
  void holdOfARowNeverHeldStillDisagreesWithItsStatus() {
    paymentEvent(PaymentStatus.HELD_FOR_REVIEW, "risk_review");
    paymentEvent(PaymentStatus.DECLINED, "card_declined");

    List<Discrepancy> found =
        audit(ledger(row("DECLINED"), List.of(charge("DECLINED")), history("PENDING", "DECLINED")));

    assertThat(found)
        .extracting(Discrepancy::kind)
        .containsExactly(DiscrepancyKind.PAYMENT_LEDGER_MISMATCH);
    assertThat(found.get(0).detail()).contains("status HELD_FOR_REVIEW != DECLINED");
  }

  @Test
  void twoOutcomesOfAReviewedOrderAreReportedAsDuplicate() {
    paymentEvent(PaymentStatus.HELD_FOR_REVIEW, "risk_review");
    paymentEvent(PaymentStatus.REJECTED_BY_REVIEW, "review_rejected");
    paymentEvent(PaymentStatus.REJECTED_BY_REVIEW, "review_expired");

    List<Discrepancy> found =
        audit(
            ledger(
                row(PaymentRow.REJECTED_BY_REVIEW),
                List.of(),
                history("HELD_FOR_REVIEW", "REJECTED_BY_REVIEW")));

    assertThat(found)
        .singleElement()
        .satisfies(
            discrepancy -> {
              assertThat(discrepancy.kind()).isEqualTo(DiscrepancyKind.DUPLICATE_PAYMENT_EVENT);
              assertThat(discrepancy.detail()).contains("2 outcome payment events");
            });
  }

  @Test
  void holdPublishedAfterTheRejectionIsReported() {
    paymentEvent(PaymentStatus.REJECTED_BY_REVIEW, "review_rejected");
    paymentEvent(PaymentStatus.HELD_FOR_REVIEW, "risk_review");

    List<Discrepancy> found =
        audit(
            ledger(
                row(PaymentRow.REJECTED_BY_REVIEW),
                List.of(),
                history("HELD_FOR_REVIEW", "REJECTED_BY_REVIEW")));

    assertThat(found)
        .singleElement()
        .satisfies(
            discrepancy -> {
              assertThat(discrepancy.kind()).isEqualTo(DiscrepancyKind.PAYMENT_HELD_AFTER_OUTCOME);
              assertThat(discrepancy.detail())
                  .contains("[payments-3@1] after REJECTED_BY_REVIEW at payments-3@0");
            });
  }

  /** The audit's payment checks, in its order, on the order placed, held by risk and paid. */
  private List<Discrepancy> audit(LedgerRows ledger) {
    Event<OrderPlaced> placed = event("orders", 0, order());
    RiskAssessed assessed =
        RiskAssessed.newBuilder()
            .setOrder(order())
            .setScore(60)
            .setDecision(RiskDecision.REVIEW)
            .setReasons(List.of())
            .setRulesVersion("test")
            .setAssessedAt(NOW)
            .build();
    ResultTopics events =
        new ResultTopics(
            List.of(placed),
            List.of(event("order-risk", 0, assessed)),
            payments,
            List.of(),
            payments,
            List.of(),
            Map.of(),
            List.of(),
            Set.of());
    List<Discrepancy> found = new ArrayList<>();
    found.addAll(new OrderFlowCheck().check(events, ledger));
    found.addAll(new PaymentLedgerCheck(Duration.ofMinutes(15), NOW).check(events, ledger));
    found.addAll(new ChargeCheck().check(events, ledger));
    return found;
  }

  /** The next event of the order on its payments partition. */
  private void paymentEvent(PaymentStatus status, String declineCode) {
    PaymentProcessed value =
        PaymentProcessed.newBuilder()
            .setPaymentId("pay_1")
            .setOrderId(ORDER)
            .setCustomerId(CUSTOMER)
            .setMerchantId("merchant-1")
            .setAmountMinor(AMOUNT)
            .setCurrency("EUR")
            .setStatus(status)
            .setDeclineCode(declineCode)
            .setGatewayReference(status == PaymentStatus.CAPTURED ? "ch_1" : null)
            .setRiskScore(60)
            .setProcessedAt(NOW)
            .build();
    payments.add(event("payments", payments.size(), value));
  }

  private static <V> Event<V> event(String topic, long offset, V value) {
    return new Event<>(
        OrderKey.of(MERCHANT, ORDER), value, new RecordCoordinates(topic, 3, offset), NOW);
  }

  private static LedgerRows ledger(
      PaymentRow payment, List<ChargeRow> charges, List<PaymentStatusChange> history) {
    return new LedgerRows(List.of(payment), charges, List.of(), List.of(), history);
  }

  private static PaymentRow row(String status) {
    return new PaymentRow(
        "pay_1",
        MERCHANT,
        ORDER,
        CUSTOMER,
        AMOUNT,
        "EUR",
        status,
        PaymentRow.CAPTURED.equals(status) ? "ch_1" : null,
        "payrail:charge:pay_1",
        NOW);
  }

  private static ChargeRow charge(String outcome) {
    return new ChargeRow("payrail:charge:pay_1", "ch_1", MERCHANT, ORDER, AMOUNT, "EUR", outcome);
  }

  /**
   * The review steps of the row's history as the reader selects them: the changes into or out of
   * HELD_FOR_REVIEW.
   */
  private static List<PaymentStatusChange> history(String... statuses) {
    List<PaymentStatusChange> changes = new ArrayList<>();
    String from = null;
    for (String to : statuses) {
      if (PaymentRow.HELD_FOR_REVIEW.equals(from) || PaymentRow.HELD_FOR_REVIEW.equals(to)) {
        changes.add(new PaymentStatusChange(MERCHANT, ORDER, from, to));
      }
      from = to;
    }
    return changes;
  }

  private static OrderPlaced order() {
    return OrderPlaced.newBuilder()
        .setOrderId(ORDER)
        .setMerchantId("merchant-1")
        .setCustomerId(CUSTOMER)
        .setAmountMinor(AMOUNT)
        .setCurrency("EUR")
        .setItems(List.of(new LineItem("sku-1", 1, AMOUNT)))
        .setPaymentMethod(new PaymentMethod("tok_visa", "visa", "4242", "DE"))
        .setShippingCountry("DE")
        .setChannel(Channel.WEB)
        .setPlacedAt(NOW)
        .build();
  }
}
