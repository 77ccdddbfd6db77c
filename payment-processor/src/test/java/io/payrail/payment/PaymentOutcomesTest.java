package io.payrail.payment;

import static io.payrail.payment.support.Assessments.AMOUNT_MINOR;
import static io.payrail.payment.support.Assessments.MERCHANT;
import static io.payrail.payment.support.Assessments.approved;
import static io.payrail.payment.support.Assessments.assessed;
import static io.payrail.payment.support.Assessments.newOrderId;
import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.acquirer.simulated.SimulatedCharges;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.events.RiskDecision;
import io.payrail.payment.ledger.PaymentIds;
import io.payrail.payment.support.PaymentIntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each risk decision and each gateway outcome, as ledger row, history, charge and event. */
class PaymentOutcomesTest extends PaymentIntegrationTest {

  @Test
  void approvedOrderIsCapturedOnceAndPublished() {
    String orderId = newOrderId("capture");
    awaitConsumed(send(approved(orderId, "tok_visa")));

    Map<String, Object> row = paymentRow(orderId);
    assertThat(row)
        .containsEntry("payment_id", PaymentIds.paymentId(MERCHANT, orderId))
        .containsEntry("status", "CAPTURED")
        .containsEntry("amount_minor", AMOUNT_MINOR)
        .containsEntry("currency", "EUR")
        .containsEntry("customer_id", "customer-" + orderId)
        .containsEntry("merchant_id", "merchant-1")
        .containsEntry("card_brand", "visa")
        .containsEntry("card_last4", "4242")
        .containsEntry("risk_score", 5);
    assertThat((String) row.get("gateway_reference")).startsWith("ch_sim_");
    assertThat(row.get("decline_code")).isNull();
    assertThat(history(orderId)).containsExactly("NONE>PENDING", "PENDING>CAPTURED");
    assertThat(charges(orderId)).isOne();

    PaymentProcessed event = onlyEvent(orderId);
    assertThat(event.getStatus()).isEqualTo(PaymentStatus.CAPTURED);
    assertThat(event.getPaymentId()).isEqualTo(PaymentIds.paymentId(MERCHANT, orderId));
    assertThat(event.getGatewayReference()).isEqualTo(row.get("gateway_reference"));
    assertThat(event.getAmountMinor()).isEqualTo(AMOUNT_MINOR);
    assertThat(event.getCurrency()).isEqualTo("EUR");
    assertThat(event.getDeclineCode()).isNull();
  }

  @Test
  void riskDeclinedOrderIsRejectedWithoutACharge() {
    String orderId = newOrderId("risk-decline");
    awaitConsumed(send(assessed(orderId, RiskDecision.DECLINE, "tok_visa")));

    assertThat(paymentRow(orderId)).containsEntry("status", "REJECTED_BY_RISK");
    assertThat(history(orderId)).containsExactly("NONE>REJECTED_BY_RISK");
    assertThat(charges(orderId)).isZero();
    PaymentProcessed event = onlyEvent(orderId);
    assertThat(event.getStatus()).isEqualTo(PaymentStatus.REJECTED_BY_RISK);
    assertThat(event.getGatewayReference()).isNull();
    assertThat(event.getRiskScore()).isEqualTo(90);
  }

  @Test
  void reviewedOrderIsHeldWithoutACharge() {
    String orderId = newOrderId("review");
    awaitConsumed(send(assessed(orderId, RiskDecision.REVIEW, "tok_visa")));

    assertThat(paymentRow(orderId)).containsEntry("status", "HELD_FOR_REVIEW");
    assertThat(history(orderId)).containsExactly("NONE>HELD_FOR_REVIEW");
    assertThat(charges(orderId)).isZero();
    assertThat(onlyEvent(orderId).getStatus()).isEqualTo(PaymentStatus.HELD_FOR_REVIEW);
  }

  @Test
  void declinedCardIsDeclinedWithItsCode() {
    assertDeclined("tok_chargeDeclined", SimulatedCharges.CARD_DECLINED);
  }

  @Test
  void insufficientFundsAreDeclinedWithTheirCode() {
    assertDeclined("tok_chargeDeclinedInsufficientFunds", SimulatedCharges.INSUFFICIENT_FUNDS);
  }

  @Test
  void processingErrorIsRetriedThenFailsWithoutACharge() {
    assertFailed("tok_processingError", SimulatedCharges.PROCESSING_ERROR);
  }

  private void assertDeclined(String token, String declineCode) {
    String orderId = newOrderId("declined");
    awaitConsumed(send(approved(orderId, token)));

    assertThat(paymentRow(orderId))
        .containsEntry("status", "DECLINED")
        .containsEntry("decline_code", declineCode);
    assertThat(history(orderId)).containsExactly("NONE>PENDING", "PENDING>DECLINED");
    // The issuer saw the attempt: a declined charge is still one charge at the acquirer.
    assertThat(charges(orderId)).isOne();
    PaymentProcessed event = onlyEvent(orderId);
    assertThat(event.getStatus()).isEqualTo(PaymentStatus.DECLINED);
    assertThat(event.getDeclineCode()).isEqualTo(declineCode);
  }

  private void assertFailed(String token, String reason) {
    String orderId = newOrderId("failed");
    double attemptsBefore = attempts(reason);
    awaitConsumed(send(approved(orderId, token)));

    assertThat(paymentRow(orderId))
        .containsEntry("status", "FAILED")
        .containsEntry("decline_code", reason)
        .containsEntry("gateway_reference", null);
    assertThat(history(orderId)).containsExactly("NONE>PENDING", "PENDING>FAILED");
    assertThat(charges(orderId)).isZero();
    assertThat(attempts(reason) - attemptsBefore).isEqualTo(MAX_ATTEMPTS);
    PaymentProcessed event = onlyEvent(orderId);
    assertThat(event.getStatus()).isEqualTo(PaymentStatus.FAILED);
    assertThat(event.getDeclineCode()).isEqualTo(reason);
  }

  private double attempts(String outcome) {
    var timer = meters.find("payrail.gateway.latency").tag("outcome", outcome).timer();
    return timer == null ? 0 : timer.count();
  }

  private static PaymentProcessed onlyEvent(String orderId) {
    List<PaymentProcessed> events = committedPayments(List.of(orderId));
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  @org.springframework.beans.factory.annotation.Autowired
  io.micrometer.core.instrument.MeterRegistry meters;
}
