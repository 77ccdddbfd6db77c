package io.payrail.payment;

import static io.payrail.payment.support.Assessments.approved;
import static io.payrail.payment.support.Assessments.encodedKey;
import static io.payrail.payment.support.Assessments.newOrderId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.events.RiskAssessed;
import io.payrail.payment.listener.PaymentStep;
import io.payrail.payment.support.PaymentIntegrationTest;
import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One order, one row, one charge, one committed {@code PaymentProcessed}: whether the order is
 * delivered twice or the processor dies after the PENDING row, after the acquirer's answer, or
 * after the ledger's commit, and a new consumer takes over.
 */
class ExactlyOnceTest extends PaymentIntegrationTest {

  @AfterEach
  void disarm() {
    crasher.disarm();
  }

  @Test
  void replayedOrderChargesOnce() {
    String orderId = newOrderId("twice");
    RiskAssessed order = approved(orderId, "tok_visa");
    RecordMetadata first = send(order);
    RecordMetadata second = send(order);
    awaitConsumed(first, second);

    assertExactlyOnce(orderId);
  }

  @ParameterizedTest
  @EnumSource(
      value = PaymentStep.class,
      names = {"AFTER_PENDING_COMMIT", "AFTER_GATEWAY_CALL", "AFTER_LEDGER_COMMIT"})
  void crashBetweenTheStepsNeitherChargesTwiceNorLosesTheCharge(PaymentStep step) {
    String orderId = newOrderId("crash");
    crasher.arm(step, encodedKey(orderId));
    RecordMetadata sent = send(approved(orderId, "tok_visa"));

    // The ledger holds the row (PENDING, or final), Kafka committed nothing.
    await().atMost(PROCESSED_WITHIN).until(() -> crasher.crashes() == 1);
    assertThat(payments(orderId)).isOne();
    assertThat(charges(orderId)).isEqualTo(step == PaymentStep.AFTER_PENDING_COMMIT ? 0 : 1);
    assertThat(committedPayments(List.of(orderId))).isEmpty();

    restartListener(() -> {});
    awaitConsumed(sent);

    assertExactlyOnce(orderId);
  }

  private static void assertExactlyOnce(String orderId) {
    assertThat(payments(orderId)).isOne();
    assertThat(charges(orderId)).isOne();
    assertThat(history(orderId)).containsExactly("NONE>PENDING", "PENDING>CAPTURED");
    List<PaymentProcessed> events = committedPayments(List.of(orderId));
    assertThat(events).hasSize(1);
    assertThat(events.get(0).getStatus()).isEqualTo(PaymentStatus.CAPTURED);
    assertThat(events.get(0).getGatewayReference())
        .isEqualTo(paymentRow(orderId).get("gateway_reference"));
  }
}
