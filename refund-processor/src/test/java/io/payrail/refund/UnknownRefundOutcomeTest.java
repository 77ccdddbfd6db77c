package io.payrail.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.payrail.acquirer.simulated.SimulatedRefunds;
import io.payrail.events.RefundProcessed;
import io.payrail.events.RefundRequested;
import io.payrail.events.RefundStatus;
import io.payrail.listener.reconcile.ResolutionListener;
import io.payrail.refund.ledger.RefundKey;
import io.payrail.refund.listener.RefundStep;
import io.payrail.refund.support.RefundIntegrationTest;
import io.payrail.schemas.contract.ContractRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * A refund whose acquirer call gets no answer is UNKNOWN, never a failure, and stays reserved: the
 * reconciler asks the acquirer by the refund's idempotency key (kept in its row), the refund ends
 * as the acquirer recorded it, and its one RefundProcessed is published then, also when the
 * processor dies on the way. A reservation whose request was dead-lettered ends the same way
 * instead of holding its amount forever.
 */
class UnknownRefundOutcomeTest extends RefundIntegrationTest {

  @Autowired MeterRegistry meters;

  @Value("${payrail.reconciler.topic}")
  String resolutionsTopic;

  @AfterEach
  void disarm() {
    crasher.disarm();
  }

  @Test
  void timeoutAfterTheAcquirerPaidBackStaysReservedWhileUnknownAndIsCompletedOnce() {
    String orderId = newOrderId("lost-refund");
    String lost = orderId + "-r1";
    seedPayment(orderId, 1_000, "CAPTURED");
    double resolvedBefore = reconciled("COMPLETED");
    // The reconciler's resolutions wait on its internal topic until their listener starts again:
    // until then the refund is UNKNOWN, however many rounds the reconciler makes.
    stopListener(ResolutionListener.LISTENER_ID);
    try {
      send(withReason(request(lost, orderId, 600L), REASON_TIMEOUT_AFTER_REFUND));
      await().atMost(PROCESSED_WITHIN).until(() -> refundRows(orderId, "UNKNOWN") == 1);

      // 600 of the 1000 captured are held by the UNKNOWN refund: another 600 would refund more
      // than was captured once the acquirer's refund is found; 400 still fit.
      send(request(orderId + "-r2", orderId, 600L));
      send(request(orderId + "-r3", orderId, 400L));
      List<RefundProcessed> meanwhile = awaitOnlyEvents(orderId, 2);
      assertThat(event(meanwhile, orderId + "-r2").getRejectionCode())
          .isEqualTo("exceeds_remaining");
      assertThat(event(meanwhile, orderId + "-r3").getStatus()).isEqualTo(RefundStatus.COMPLETED);
      assertThat(event(meanwhile, orderId + "-r3").getRefundedTotalMinor()).isEqualTo(1_000);
      assertThat(refundRows(orderId, "UNKNOWN")).isEqualTo(1);
      // Round after round the reconciler found it paid back: several resolutions of one refund.
      await()
          .atMost(PROCESSED_WITHIN)
          .until(
              () ->
                  committedText(resolutionsTopic, List.of(acquirerKey(MERCHANT, lost))).size()
                      >= 2);
    } finally {
      startListener(ResolutionListener.LISTENER_ID);
    }

    List<RefundProcessed> events = awaitOnlyEvents(orderId, 3);
    RefundProcessed resolved = event(events, lost);
    assertThat(resolved.getStatus()).isEqualTo(RefundStatus.COMPLETED);
    assertThat(resolved.getRefundedTotalMinor()).isEqualTo(600);
    assertThat(ledgerReference(lost)).startsWith("re_").isEqualTo(acquirerReference(lost));
    assertThat(history(lost))
        .containsExactly("RECORDED>PENDING", "ACQUIRER>UNKNOWN", "RECONCILER>COMPLETED");
    assertThat(refundedAtAcquirer(orderId)).isEqualTo(1_000);
    assertThat(refundedInLedger(orderId)).isEqualTo(1_000);
    assertThat(acquirerRefunds(orderId)).isEqualTo(2);
    assertThat(reconciled("COMPLETED") - resolvedBefore).isGreaterThanOrEqualTo(1);
    assertThat(meters.find("payrail.refunds.unknown").gauge()).isNotNull();
  }

  @Test
  void reservedAndUnknownRefundsCountTowardTheOrdersRefundCap() {
    String orderId = newOrderId("cap-reserved");
    seedPayment(orderId, 1_000_000, "CAPTURED");
    // The UNKNOWN ones stay UNKNOWN while the reconciler's resolutions are held back.
    stopListener(ResolutionListener.LISTENER_ID);
    try {
      List<Object[]> reserved = new ArrayList<>();
      for (int i = 0; i < ContractRules.MAX_REFUNDS_PER_ORDER; i++) {
        String refundId = orderId + "-held-" + i;
        reserved.add(
            new Object[] {
              refundId,
              new RefundKey(MERCHANT, refundId).newAcquirerKey(),
              orderId,
              paymentId(MERCHANT, orderId),
              i % 2 == 0 ? "PENDING" : "UNKNOWN"
            });
      }
      database()
          .batchUpdate(
              "INSERT INTO refunds (refund_id, acquirer_key, order_id, payment_id, merchant_id,"
                  + " customer_id, amount_minor, currency, status, reason, refunded_total_minor,"
                  + " captured_amount_minor, request_fingerprint, source_partition, source_offset,"
                  + " created_at, updated_at) VALUES (?, ?, ?, ?, '"
                  + MERCHANT
                  + "', 'customer', 1, 'EUR', ?, 'requested_by_customer', 1, 1000000, '"
                  + "0".repeat(64)
                  + "', 0, 0, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))",
              reserved);

      send(request(orderId + "-r1", orderId, 1L));

      RefundProcessed beyond = awaitOnlyEvents(orderId, 1).get(0);
      assertThat(beyond.getStatus()).isEqualTo(RefundStatus.REJECTED);
      assertThat(beyond.getRejectionCode()).isEqualTo("too_many_refunds");
      assertThat(refundRows(orderId)).isEqualTo(ContractRules.MAX_REFUNDS_PER_ORDER);
      assertThat(acquirerRefunds(orderId)).isZero();
    } finally {
      startListener(ResolutionListener.LISTENER_ID);
    }
  }

  @Test
  void timeoutBeforeTheAcquirerGotTheRefundReleasesTheReservation() {
    String orderId = newOrderId("lost-request");
    seedPayment(orderId, 1_000, "CAPTURED");

    send(withReason(request(orderId + "-r1", orderId, 600L), REASON_TIMEOUT));
    RefundProcessed released = awaitOnlyEvents(orderId, 1).get(0);
    send(request(orderId + "-r2", orderId, 600L));

    assertThat(released.getStatus()).isEqualTo(RefundStatus.REJECTED);
    assertThat(released.getRejectionCode()).isEqualTo("refund_failed");
    assertThat(released.getRefundedTotalMinor()).isZero();
    RefundProcessed next = event(awaitOnlyEvents(orderId, 2), orderId + "-r2");
    assertThat(next.getStatus()).isEqualTo(RefundStatus.COMPLETED);
    assertThat(next.getRefundedTotalMinor()).isEqualTo(600);
    assertThat(refundedAtAcquirer(orderId)).isEqualTo(600);
  }

  @Test
  void crashAfterRecordingNoAnswerLeavesTheAnswerToTheReconcilerAlone() {
    String orderId = newOrderId("crash-unknown");
    seedPayment(orderId, 1_000, "CAPTURED");
    crasher.arm(RefundStep.AFTER_LEDGER_COMMIT, key(orderId));

    send(withReason(request(orderId + "-r1", orderId, 400L), REASON_TIMEOUT_AFTER_REFUND));
    await().atMost(PROCESSED_WITHIN).until(() -> crasher.crashes() == 1);
    restartListener();

    // The request, delivered again, finds its refund UNKNOWN (or already resolved): only the
    // reconciler's resolution answers it.
    RefundProcessed only = awaitOnlyEvents(orderId, 1).get(0);
    assertThat(only.getStatus()).isEqualTo(RefundStatus.COMPLETED);
    assertThat(acquirerRefunds(orderId)).isEqualTo(1);
  }

  @Test
  void crashWhileRecordingAResolutionPublishesItOnceAfterRestart() {
    String orderId = newOrderId("crash-resolution");
    seedPayment(orderId, 1_000, "CAPTURED");
    crasher.arm(RefundStep.AFTER_RESOLUTION_COMMIT, key(orderId));

    send(withReason(request(orderId + "-r1", orderId, 400L), REASON_TIMEOUT_AFTER_REFUND));

    // The resolution is in the ledger, its event is not committed.
    await().atMost(PROCESSED_WITHIN).until(() -> crasher.crashes() == 1);
    assertThat(refundRows(orderId, "COMPLETED")).isEqualTo(1);
    assertThat(committedRefunds(List.of(orderId))).isEmpty();

    restartListener(ResolutionListener.LISTENER_ID);

    assertThat(awaitOnlyEvents(orderId, 1).get(0).getStatus()).isEqualTo(RefundStatus.COMPLETED);
    assertThat(acquirerRefunds(orderId)).isEqualTo(1);
  }

  @Test
  void reservationOfARequestDeadLetteredBeforeTheAcquirerWasAskedIsReleased() {
    String orderId = newOrderId("dead-reserved");

    RefundProcessed released = reconciledAfterDeadLetter(orderId, RefundStep.AFTER_RESERVE_COMMIT);

    assertThat(released.getStatus()).isEqualTo(RefundStatus.REJECTED);
    assertThat(released.getRejectionCode()).isEqualTo("refund_failed");
    assertThat(acquirerRefunds(orderId)).isZero();
    assertThat(history(orderId + "-r1")).last().isEqualTo("RECONCILER>REJECTED");
  }

  @Test
  void reservationOfARequestDeadLetteredAfterTheAcquirerPaidBackIsCompleted() {
    String orderId = newOrderId("dead-paid");

    RefundProcessed completed = reconciledAfterDeadLetter(orderId, RefundStep.AFTER_GATEWAY_REFUND);

    assertThat(completed.getStatus()).isEqualTo(RefundStatus.COMPLETED);
    assertThat(completed.getRefundedTotalMinor()).isEqualTo(700);
    assertThat(acquirerRefunds(orderId)).isEqualTo(1);
  }

  /**
   * A request for 700 that fails at {@code step} every time is dead-lettered with its refund
   * reserved (PENDING) and unanswered; once the reconciler's pending-after has passed, the
   * reconciler's resolution is its one answer.
   */
  private RefundProcessed reconciledAfterDeadLetter(String orderId, RefundStep step) {
    seedPayment(orderId, 1_000, "CAPTURED");
    crasher.poison(step, key(orderId), new IllegalStateException("fails every time"));

    send(request(orderId + "-r1", orderId, 700L));
    await()
        .atMost(PROCESSED_WITHIN)
        .until(() -> !committedDeadLetters(List.of(key(orderId))).isEmpty());
    assertThat(refundRows(orderId, "PENDING")).isEqualTo(1);
    assertThat(committedRefunds(List.of(orderId))).isEmpty();
    crasher.disarm();
    // As if the reconciler's pending-after (10 minutes) had passed since the reservation.
    database()
        .update(
            "UPDATE refunds SET updated_at = updated_at - INTERVAL 1 HOUR"
                + " WHERE merchant_id = ? AND refund_id = ?",
            MERCHANT,
            orderId + "-r1");

    return awaitOnlyEvents(orderId, 1).get(0);
  }

  private static final String REASON_TIMEOUT = SimulatedRefunds.REASON_TIMEOUT;
  private static final String REASON_TIMEOUT_AFTER_REFUND =
      SimulatedRefunds.REASON_TIMEOUT_AFTER_REFUND;

  private static RefundRequested withReason(RefundRequested request, String reason) {
    request.setReason(reason);
    return request;
  }

  /** Waits for the order's events, then makes sure no further one follows reconciler rounds. */
  private static List<RefundProcessed> awaitOnlyEvents(String orderId, int events) {
    await()
        .atMost(PROCESSED_WITHIN)
        .until(() -> committedRefunds(List.of(orderId)).size() >= events);
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> committedRefunds(List.of(orderId)).size() == events);
    return committedRefunds(List.of(orderId));
  }

  private static RefundProcessed event(List<RefundProcessed> events, String refundId) {
    return events.stream()
        .filter(event -> event.getRefundId().equals(refundId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no event of " + refundId + " in " + events));
  }

  /** The refund's refund_events as "KIND>STATUS", oldest first. */
  private static List<String> history(String refundId) {
    return database()
        .queryForList(
            "SELECT CONCAT(kind, '>', status) FROM refund_events"
                + " WHERE merchant_id = ? AND refund_id = ? ORDER BY id",
            String.class,
            MERCHANT,
            refundId);
  }

  private double reconciled(String status) {
    var counter = meters.find("payrail.refunds.reconciled").tag("status", status).counter();
    return counter == null ? 0 : counter.count();
  }
}
