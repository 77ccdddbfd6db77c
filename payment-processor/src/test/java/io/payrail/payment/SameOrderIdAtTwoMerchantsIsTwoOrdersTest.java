package io.payrail.payment;

import static io.payrail.payment.support.Assessments.AMOUNT_MINOR;
import static io.payrail.payment.support.Assessments.assessed;
import static io.payrail.payment.support.Assessments.newOrderId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.events.PointsReservation;
import io.payrail.events.PointsReservationStatus;
import io.payrail.events.ReviewDecided;
import io.payrail.events.ReviewOutcome;
import io.payrail.events.RiskAssessed;
import io.payrail.events.RiskDecision;
import io.payrail.payment.ledger.PaymentIds;
import io.payrail.payment.ledger.PaymentLedger;
import io.payrail.payment.points.PointsReservationListener;
import io.payrail.payment.review.ReviewDecisionListener;
import io.payrail.payment.support.Assessments;
import io.payrail.payment.support.PaymentIntegrationTest;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.keys.OrderKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An orderId is the merchant's reference, unique only within that merchant: two merchants' orders
 * with the same orderId are two orders end to end, on the real broker, registry, database and
 * simulated acquirer. Each gets its own ledger row, its own charge under its own idempotency key,
 * its own PaymentProcessed keyed {@code merchantId/orderId}; a review decision or a points answer
 * of one merchant applies to that merchant's order only.
 */
class SameOrderIdAtTwoMerchantsIsTwoOrdersTest extends PaymentIntegrationTest {

  private static final String MERCHANT_A = "merchant-a";
  private static final String MERCHANT_B = "merchant-b";
  private static final long POINTS = 500;

  @Test
  void twoMerchantsOrdersWithOneOrderIdAreTwoPaymentsChargedUnderTwoKeys() {
    String orderId = newOrderId("shared");
    OrderKey a = new OrderKey(MERCHANT_A, orderId);
    OrderKey b = new OrderKey(MERCHANT_B, orderId);

    awaitConsumed(
        send(assessed(MERCHANT_A, orderId, RiskDecision.APPROVE, "tok_visa")),
        send(assessed(MERCHANT_B, orderId, RiskDecision.APPROVE, "tok_visa")));

    assertThat(payments(orderId)).isEqualTo(2);
    for (OrderKey order : List.of(a, b)) {
      Map<String, Object> row = paymentRow(order);
      assertThat(row)
          .as(order.encoded())
          .containsEntry("status", "CAPTURED")
          .containsEntry("payment_id", PaymentIds.paymentId(order.merchantId(), orderId))
          .containsEntry("charge_key", PaymentIds.chargeKey(order.merchantId(), orderId));
      assertThat(chargesOf(order))
          .as("the acquirer's charges of " + order)
          .singleElement()
          .satisfies(
              charge -> {
                assertThat(charge).containsEntry("idempotency_key", row.get("charge_key"));
                assertThat(charge).containsEntry("charge_reference", row.get("gateway_reference"));
              });
      assertThat(history(order)).containsExactly("NONE>PENDING", "PENDING>CAPTURED");
      List<PaymentProcessed> events = committedPaymentsOf(List.of(order));
      assertThat(events).as("events keyed " + order).singleElement();
      assertThat(events.get(0).getMerchantId()).isEqualTo(order.merchantId());
      assertThat(events.get(0).getPaymentId()).isEqualTo(row.get("payment_id"));
    }
    assertThat(paymentRow(a).get("charge_key")).isNotEqualTo(paymentRow(b).get("charge_key"));
    assertThat(paymentRow(a).get("gateway_reference"))
        .isNotEqualTo(paymentRow(b).get("gateway_reference"));
  }

  @Autowired PaymentLedger ledger;

  @Test
  void aBatchOfTwoMerchantsOrdersFindsExactlyThoseOrdersNotTheirOrderIdsAtTheOtherMerchant() {
    // The ledger reads a batch with merchant_id IN (...) AND order_id IN (...): for A's x and B's
    // y it also matches A's y and B's x, which are other orders and must not be found as these.
    String x = newOrderId("cross-x");
    String y = newOrderId("cross-y");
    awaitConsumed(
        send(assessed(MERCHANT_A, x, RiskDecision.APPROVE, "tok_visa")),
        send(assessed(MERCHANT_A, y, RiskDecision.APPROVE, "tok_visa")),
        send(assessed(MERCHANT_B, x, RiskDecision.APPROVE, "tok_visa")));

    List<OrderKey> asked = List.of(new OrderKey(MERCHANT_A, x), new OrderKey(MERCHANT_B, y));
    assertThat(ledger.findByOrderKeys(asked)).containsOnlyKeys(new OrderKey(MERCHANT_A, x));
    assertThat(ledger.findByOrderKeysLatest(asked)).containsOnlyKeys(new OrderKey(MERCHANT_A, x));
    assertThat(ledger.findByOrderKeys(asked).get(new OrderKey(MERCHANT_A, x)).key())
        .isEqualTo(new OrderKey(MERCHANT_A, x));
  }

  @Test
  void eachMerchantsReviewDecisionAppliesToItsOwnHeldOrderOnly() {
    String orderId = newOrderId("shared-review");
    OrderKey a = new OrderKey(MERCHANT_A, orderId);
    OrderKey b = new OrderKey(MERCHANT_B, orderId);
    awaitConsumed(
        send(assessed(MERCHANT_A, orderId, RiskDecision.REVIEW, "tok_visa")),
        send(assessed(MERCHANT_B, orderId, RiskDecision.REVIEW, "tok_visa")));

    awaitConsumed(
        ReviewDecisionListener.LISTENER_ID,
        sendDecision(decision(MERCHANT_A, orderId, ReviewOutcome.APPROVE), null),
        sendDecision(decision(MERCHANT_B, orderId, ReviewOutcome.REJECT), null));

    assertThat(paymentRow(a)).containsEntry("status", "CAPTURED");
    assertThat(chargesOf(a)).hasSize(1);
    assertThat(history(a))
        .containsExactly("NONE>HELD_FOR_REVIEW", "HELD_FOR_REVIEW>PENDING", "PENDING>CAPTURED");
    assertThat(paymentRow(b))
        .containsEntry("status", "REJECTED_BY_REVIEW")
        .containsEntry("gateway_reference", null);
    assertThat(chargesOf(b)).isEmpty();
    assertThat(history(b))
        .containsExactly("NONE>HELD_FOR_REVIEW", "HELD_FOR_REVIEW>REJECTED_BY_REVIEW");
    assertThat(committedPaymentsOf(List.of(a)))
        .extracting(PaymentProcessed::getStatus)
        .containsExactly(PaymentStatus.HELD_FOR_REVIEW, PaymentStatus.CAPTURED);
    assertThat(committedPaymentsOf(List.of(b)))
        .extracting(PaymentProcessed::getStatus)
        .containsExactly(PaymentStatus.HELD_FOR_REVIEW, PaymentStatus.REJECTED_BY_REVIEW);
  }

  @Test
  void eachMerchantsPointsAnswerAppliesToItsOwnOrderOnly() {
    String orderId = newOrderId("shared-points");
    OrderKey a = new OrderKey(MERCHANT_A, orderId);
    OrderKey b = new OrderKey(MERCHANT_B, orderId);
    awaitConsumed(
        send(withPoints(assessed(MERCHANT_A, orderId, RiskDecision.APPROVE, "tok_visa"))),
        send(withPoints(assessed(MERCHANT_B, orderId, RiskDecision.APPROVE, "tok_visa"))));
    assertThat(paymentRow(a)).containsEntry("status", "AWAITING_POINTS");
    assertThat(paymentRow(b)).containsEntry("status", "AWAITING_POINTS");

    awaitConsumed(
        PointsReservationListener.LISTENER_ID,
        sendAnswer(answer(MERCHANT_A, orderId, PointsReservationStatus.RESERVED)),
        sendAnswer(answer(MERCHANT_B, orderId, PointsReservationStatus.REFUSED)));

    assertThat(paymentRow(a))
        .containsEntry("status", "CAPTURED")
        .containsEntry("amount_minor", AMOUNT_MINOR - POINTS);
    assertThat(chargesOf(a)).hasSize(1);
    assertThat(paymentRow(b))
        .containsEntry("status", "DECLINED")
        .containsEntry("decline_code", ContractRules.POINTS_UNAVAILABLE);
    assertThat(chargesOf(b)).isEmpty();
    assertThat(
            database()
                .queryForList(
                    "SELECT CONCAT(merchant_id, ':', status) FROM points_reservations"
                        + " WHERE order_id = ? ORDER BY merchant_id",
                    String.class,
                    orderId))
        .containsExactly(MERCHANT_A + ":RESERVED", MERCHANT_B + ":REFUSED");
    await()
        .atMost(PROCESSED_WITHIN)
        .until(
            () ->
                committedPaymentsOf(List.of(a)).size() == 1
                    && committedPaymentsOf(List.of(b)).size() == 1);
    assertThat(committedPaymentsOf(List.of(a)).get(0).getStatus())
        .isEqualTo(PaymentStatus.CAPTURED);
    assertThat(committedPaymentsOf(List.of(b)).get(0).getStatus())
        .isEqualTo(PaymentStatus.DECLINED);
  }

  private static RiskAssessed withPoints(RiskAssessed assessment) {
    assessment.getOrder().setPointsToRedeem(POINTS);
    return assessment;
  }

  private static ReviewDecided decision(String merchantId, String orderId, ReviewOutcome outcome) {
    return ReviewDecided.newBuilder()
        .setDecisionId(Assessments.newDecisionId())
        .setOrderId(orderId)
        .setMerchantId(merchantId)
        .setDecision(outcome)
        .setReviewer("reviewer-" + merchantId)
        .setNote(null)
        .setDecidedAt(Instant.now())
        .build();
  }

  private static PointsReservation answer(
      String merchantId, String orderId, PointsReservationStatus status) {
    return PointsReservation.newBuilder()
        .setOrderId(orderId)
        .setMerchantId(merchantId)
        .setCustomerId("customer-" + orderId)
        .setPoints(POINTS)
        .setStatus(status)
        .setReason(
            status == PointsReservationStatus.REFUSED ? ContractRules.INSUFFICIENT_POINTS : null)
        .setAvailablePoints(0)
        .setDecidedAt(Instant.now())
        .build();
  }
}
