package io.payrail.payment;

import static io.payrail.payment.support.Assessments.approved;
import static io.payrail.payment.support.Assessments.encodedKey;
import static io.payrail.payment.support.Assessments.newOrderId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.payrail.acquirer.simulated.SimulatedCharges;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.listener.reconcile.ResolutionListener;
import io.payrail.payment.listener.PaymentStep;
import io.payrail.payment.support.PaymentIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A charge whose answer never comes is UNKNOWN, never FAILED: the reconciler asks the acquirer by
 * the idempotency key, the payment ends as the acquirer recorded it, and its one PaymentProcessed
 * is published then, also when the processor dies while recording the resolution.
 */
class UnknownOutcomeTest extends PaymentIntegrationTest {

  @Autowired MeterRegistry meters;

  @AfterEach
  void disarm() {
    crasher.disarm();
  }

  @Test
  void timeoutAfterTheAcquirerCapturedIsResolvedAsCapturedAndPublishedOnce() {
    String orderId = newOrderId("lost-capture");
    double resolvedBefore = reconciled("CAPTURED");
    send(approved(orderId, SimulatedCharges.TOKEN_TIMEOUT_AFTER_CAPTURE));

    PaymentProcessed event = awaitOnlyEvent(orderId);
    assertThat(event.getStatus()).isEqualTo(PaymentStatus.CAPTURED);
    assertThat(event.getGatewayReference())
        .startsWith("ch_sim_")
        .isEqualTo(paymentRow(orderId).get("gateway_reference"));
    assertThat(history(orderId))
        .containsExactly("NONE>PENDING", "PENDING>UNKNOWN", "UNKNOWN>CAPTURED");
    assertThat(charges(orderId)).isOne();
    assertThat(reconciled("CAPTURED") - resolvedBefore).isGreaterThanOrEqualTo(1);
  }

  @Test
  void timeoutAfterTheIssuerDeclinedIsResolvedAsDeclined() {
    String orderId = newOrderId("lost-decline");
    send(approved(orderId, SimulatedCharges.TOKEN_TIMEOUT_AFTER_DECLINE));

    PaymentProcessed event = awaitOnlyEvent(orderId);
    assertThat(event.getStatus()).isEqualTo(PaymentStatus.DECLINED);
    assertThat(event.getDeclineCode()).isEqualTo(SimulatedCharges.CARD_DECLINED);
    assertThat(history(orderId))
        .containsExactly("NONE>PENDING", "PENDING>UNKNOWN", "UNKNOWN>DECLINED");
  }

  @Test
  void timeoutTheAcquirerNeverSawIsResolvedAsFailedWithoutACharge() {
    String orderId = newOrderId("lost-request");
    send(approved(orderId, SimulatedCharges.TOKEN_TIMEOUT));

    PaymentProcessed event = awaitOnlyEvent(orderId);
    assertThat(event.getStatus()).isEqualTo(PaymentStatus.FAILED);
    assertThat(event.getDeclineCode()).isEqualTo(SimulatedCharges.GATEWAY_TIMEOUT);
    assertThat(history(orderId))
        .containsExactly("NONE>PENDING", "PENDING>UNKNOWN", "UNKNOWN>FAILED");
    assertThat(charges(orderId)).isZero();
  }

  @Test
  void crashWhileRecordingAResolutionPublishesItOnceAfterRestart() {
    String orderId = newOrderId("crash-resolution");
    crasher.arm(PaymentStep.AFTER_RESOLUTION_COMMIT, encodedKey(orderId));
    send(approved(orderId, SimulatedCharges.TOKEN_TIMEOUT_AFTER_CAPTURE));

    // The resolution is in the ledger, its event is not committed.
    await().atMost(PROCESSED_WITHIN).until(() -> crasher.crashes() == 1);
    assertThat(paymentRow(orderId)).containsEntry("status", "CAPTURED");
    assertThat(committedPayments(List.of(orderId))).isEmpty();

    restartListener(ResolutionListener.LISTENER_ID, () -> {});

    assertThat(awaitOnlyEvent(orderId).getStatus()).isEqualTo(PaymentStatus.CAPTURED);
    assertThat(charges(orderId)).isOne();
  }

  /** Waits for the order's event, then makes sure no second one follows the reconciler's rounds. */
  private static PaymentProcessed awaitOnlyEvent(String orderId) {
    await().atMost(PROCESSED_WITHIN).until(() -> !committedPayments(List.of(orderId)).isEmpty());
    await()
        .during(java.time.Duration.ofSeconds(1))
        .atMost(java.time.Duration.ofSeconds(3))
        .until(() -> committedPayments(List.of(orderId)).size() == 1);
    return committedPayments(List.of(orderId)).get(0);
  }

  private double reconciled(String status) {
    var counter = meters.find("payrail.payments.reconciled").tag("status", status).counter();
    return counter == null ? 0 : counter.count();
  }
}
