package io.payrail.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.payrail.events.RefundProcessed;
import io.payrail.events.RefundStatus;
import io.payrail.refund.ledger.RefundKey;
import io.payrail.refund.listener.RefundStep;
import io.payrail.refund.support.RefundIntegrationTest;
import io.payrail.refund.support.RefundModel.Answer;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * A refund kept before keys were merchant-scoped keeps the idempotency key it was (or may have
 * been) paid back under, its bare refundId (refunds V6 backfills acquirer_key with it): the
 * reconciler and a resumed reservation ask the acquirer by that key, never by a key derived anew,
 * or the acquirer would pay it back a second time.
 */
class StoredAcquirerKeyTest extends RefundIntegrationTest {

  @Value("${payrail.reconciler.topic}")
  String resolutionsTopic;

  @AfterEach
  void disarm() {
    crasher.disarm();
  }

  @Test
  void anUnknownRefundKeptBeforeTheCutOverIsReconciledUnderItsBareRefundId() {
    String orderId = newOrderId("legacy-unknown");
    String refundId = orderId + "-r1";
    seedPayment(orderId, 1_000, "CAPTURED");
    // The acquirer paid it back under the refundId; the answer was lost: UNKNOWN, as V6 left it.
    String paidBack = seedAcquirerRefund(refundId, orderId, 400);
    database()
        .update(
            "INSERT INTO refunds (refund_id, acquirer_key, order_id, payment_id, merchant_id,"
                + " customer_id, amount_minor, currency, status, reason, refunded_total_minor,"
                + " captured_amount_minor, request_fingerprint, source_partition, source_offset,"
                + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 400, ?, 'UNKNOWN',"
                + " 'requested_by_customer', 400, 1000, ?, 0, 0,"
                + " UTC_TIMESTAMP(3) - INTERVAL 1 MINUTE, UTC_TIMESTAMP(3) - INTERVAL 1 MINUTE)",
            refundId,
            refundId,
            orderId,
            paymentId(MERCHANT, orderId),
            MERCHANT,
            "customer-" + orderId,
            CURRENCY,
            "0".repeat(64));

    RefundProcessed resolved = awaitRefunds(List.of(orderId), 1).get(orderId).get(0);

    assertThat(Answer.of(resolved))
        .isEqualTo(new Answer(refundId, RefundStatus.COMPLETED, null, 400, 400));
    assertThat(ledgerReference(refundId)).isEqualTo(paidBack);
    assertThat(committedText(resolutionsTopic, List.of(refundId))).isNotEmpty();
    assertNothingPaidBackUnder(new RefundKey(MERCHANT, refundId).newAcquirerKey());
    assertThat(acquirerRefunds(orderId)).isEqualTo(1);
  }

  @Test
  void aReservationKeptBeforeTheCutOverIsResumedUnderItsBareRefundId() {
    String orderId = newOrderId("legacy-pending");
    String refundId = orderId + "-r1";
    seedPayment(orderId, 1_000, "CAPTURED");
    crasher.arm(RefundStep.AFTER_RESERVE_COMMIT, key(orderId));

    send(request(refundId, orderId, 600L));
    await().atMost(PROCESSED_WITHIN).until(() -> crasher.crashes() == 1);
    // While the processor is down: the reservation is one the previous version made (V6 gave it
    // its refundId as key), and that version's call reached the acquirer before it died.
    database()
        .update(
            "UPDATE refunds SET acquirer_key = refund_id WHERE merchant_id = ? AND refund_id = ?",
            MERCHANT,
            refundId);
    String paidBack = seedAcquirerRefund(refundId, orderId, 600);
    restartListener();

    List<RefundProcessed> events = awaitRefunds(List.of(orderId), 1).get(orderId);
    assertThat(Answer.of(events.get(0)))
        .isEqualTo(new Answer(refundId, RefundStatus.COMPLETED, null, 600, 600));
    // The acquirer answered the key's first refund: paid back once.
    assertThat(ledgerReference(refundId)).isEqualTo(paidBack);
    assertThat(acquirerRefunds(orderId)).isEqualTo(1);
    assertThat(refundedAtAcquirer(orderId)).isEqualTo(600);
    assertNothingPaidBackUnder(new RefundKey(MERCHANT, refundId).newAcquirerKey());
  }

  /** A refund the simulated acquirer paid back under this key; its reference. */
  private static String seedAcquirerRefund(String idempotencyKey, String orderId, long amount) {
    String reference = "re_legacy" + UUID.randomUUID().toString().replace("-", "");
    List<Object> values =
        new ArrayList<>(
            List.of(
                idempotencyKey,
                reference,
                "ch_" + paymentId(MERCHANT, orderId),
                orderId,
                amount,
                CURRENCY,
                Timestamp.from(Instant.now())));
    database()
        .update(
            "INSERT INTO simulated_acquirer_refunds (idempotency_key, refund_reference,"
                + " charge_reference, order_id, amount_minor, currency, created_at"
                + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
            values.toArray());
    return reference;
  }

  private static void assertNothingPaidBackUnder(String acquirerKey) {
    assertThat(
            database()
                .queryForObject(
                    "SELECT COUNT(*) FROM simulated_acquirer_refunds WHERE idempotency_key = ?",
                    Integer.class,
                    acquirerKey))
        .isZero();
  }
}
