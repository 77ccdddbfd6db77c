package io.payrail.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payrail.events.RefundStatus;
import io.payrail.refund.listener.RefundStep;
import io.payrail.refund.support.RefundIntegrationTest;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The acquirer is asked after the reservation has committed: while it pays back, nobody holds the
 * payment row's lock, so a slow acquirer never holds up the payment-processor or other refunds.
 */
class AcquirerOutsideLocksTest extends RefundIntegrationTest {

  @AfterEach
  void disarm() {
    crasher.disarm();
  }

  @Test
  void acquirerIsAskedWithoutHoldingThePaymentRowLockAndTheReservationIsCounted() {
    String orderId = newOrderId("no-lock");
    seedPayment(orderId, 1_000, "CAPTURED");
    AtomicReference<String> seenWhilePayingBack = new AtomicReference<>();
    crasher.observe(
        RefundStep.AFTER_GATEWAY_REFUND,
        key(orderId),
        () -> seenWhilePayingBack.set(lockAndReadRefund(orderId, orderId + "-r1")));

    send(request(orderId + "-r1", orderId, 600L));
    send(request(orderId + "-r2", orderId, 600L));

    await().atMost(PROCESSED_WITHIN).until(() -> seenWhilePayingBack.get() != null);
    // Another transaction could lock the payment row at once, and saw the refund reserved.
    assertThat(seenWhilePayingBack.get()).isEqualTo("PENDING");
    var events = awaitRefunds(List.of(orderId), 2).get(orderId);
    assertThat(events.get(0).getStatus()).isEqualTo(RefundStatus.COMPLETED);
    assertThat(events.get(1).getRejectionCode()).isEqualTo("exceeds_remaining");
    assertThat(refundRows(orderId, "COMPLETED")).isEqualTo(1);
    assertThat(refundedAtAcquirer(orderId)).isEqualTo(600);
  }

  /** Locks the payment row without waiting (fails if someone holds it) and reads the refund. */
  private static String lockAndReadRefund(String orderId, String refundId) {
    return database()
        .execute(
            (java.sql.Connection connection) -> {
              connection.setAutoCommit(false);
              try (var lock =
                  connection.prepareStatement(
                      "SELECT status FROM payments WHERE merchant_id = ? AND order_id = ?"
                          + " FOR UPDATE NOWAIT")) {
                lock.setString(1, MERCHANT);
                lock.setString(2, orderId);
                lock.executeQuery().close();
                try (var read =
                    connection.prepareStatement(
                        "SELECT status FROM refunds WHERE merchant_id = ? AND refund_id = ?")) {
                  read.setString(1, MERCHANT);
                  read.setString(2, refundId);
                  try (var rows = read.executeQuery()) {
                    return rows.next() ? rows.getString(1) : "none";
                  }
                }
              } catch (java.sql.SQLException locked) {
                return "locked: " + locked.getMessage();
              } finally {
                connection.rollback();
                connection.setAutoCommit(true);
              }
            });
  }
}
