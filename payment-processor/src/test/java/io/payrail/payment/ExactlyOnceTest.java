package io.payrail.payment;

import static io.payrail.payment.support.Assessments.approved;
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

/**
 * One order, one row, one charge, one committed {@code PaymentProcessed}: whether the order is
 * delivered twice or the processor dies between the gateway and the ledger, or between the ledger
 * and the Kafka commit, and is restarted.
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

  @Test
  void crashAfterGatewayCallBeforeLedgerCommitChargesOnceAfterRestart() {
    String orderId = newOrderId("crash-gateway");
    crasher.arm(PaymentStep.AFTER_GATEWAY_CALL, orderId);
    RecordMetadata sent = send(approved(orderId, "tok_visa"));

    // The acquirer charged, the ledger has nothing, Kafka committed nothing.
    await().atMost(PROCESSED_WITHIN).until(() -> crasher.crashes() >= 1 && charges(orderId) == 1);
    assertThat(payments(orderId)).isZero();
    assertThat(committedPayments(List.of(orderId))).isEmpty();

    restartListener(crasher::disarm);
    awaitConsumed(sent);

    assertExactlyOnce(orderId);
  }

  @Test
  void crashAfterLedgerCommitBeforeKafkaCommitPublishesOnceAfterRestart() {
    String orderId = newOrderId("crash-ledger");
    crasher.arm(PaymentStep.AFTER_LEDGER_COMMIT, orderId);
    RecordMetadata sent = send(approved(orderId, "tok_visa"));

    // The ledger committed, the Kafka transaction (event and offsets) did not.
    await().atMost(PROCESSED_WITHIN).until(() -> crasher.crashes() >= 1 && payments(orderId) == 1);
    assertThat(committedPayments(List.of(orderId))).isEmpty();

    restartListener(crasher::disarm);
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
