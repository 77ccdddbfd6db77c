package io.payrail.refund;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.events.RefundProcessed;
import io.payrail.events.RefundStatus;
import io.payrail.refund.ledger.RefundKey;
import io.payrail.refund.support.RefundIntegrationTest;
import io.payrail.refund.support.RefundModel.Answer;
import io.payrail.schemas.keys.OrderKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An orderId and a refundId are each merchant's own references: two merchants that both have an
 * order "1001" and both refund it as "rf-1" get two refunds, each against its own payment, paid
 * back at the acquirer under two idempotency keys. Before, the second merchant's request was an
 * idempotency_mismatch (or, keyed at the acquirer by the bare refundId, the first one's answer).
 */
class SameIdsAtTwoMerchantsAreTwoRefundsTest extends RefundIntegrationTest {

  private static final String ORDER_ID = "1001";
  private static final String REFUND_ID = "rf-1";

  @Test
  void twoMerchantsRefundingTheirOwnOrder1001AsRf1GetTwoRefundsUnderTwoAcquirerKeys() {
    // Merchants of their own, so that the test runs again against a database that keeps its rows.
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String merchantA = "merchant-a-" + suffix;
    String merchantB = "merchant-b-" + suffix;
    OrderKey orderA = new OrderKey(merchantA, ORDER_ID);
    OrderKey orderB = new OrderKey(merchantB, ORDER_ID);
    seedPayment(merchantA, ORDER_ID, 1_000, "CAPTURED");
    seedPayment(merchantB, ORDER_ID, 700, "CAPTURED");

    // Different amounts: the same refundId at one merchant would be an idempotency_mismatch.
    send(request(REFUND_ID, ORDER_ID, 600L, null, merchantA));
    send(request(REFUND_ID, ORDER_ID, null, null, merchantB));

    Map<OrderKey, List<RefundProcessed>> events = awaitRefundsOf(List.of(orderA, orderB), 2);
    RefundProcessed refundA = events.get(orderA).get(0);
    RefundProcessed refundB = events.get(orderB).get(0);
    assertThat(Answer.of(refundA))
        .isEqualTo(new Answer(REFUND_ID, RefundStatus.COMPLETED, null, 600, 600));
    assertThat(Answer.of(refundB))
        .isEqualTo(new Answer(REFUND_ID, RefundStatus.COMPLETED, null, 700, 700));
    assertThat(refundA.getMerchantId()).isEqualTo(merchantA);
    assertThat(refundB.getMerchantId()).isEqualTo(merchantB);
    assertThat(refundA.getCapturedAmountMinor()).isEqualTo(1_000);
    assertThat(refundB.getCapturedAmountMinor()).isEqualTo(700);

    // Two rows, each against its own merchant's payment.
    assertThat(paymentOf(merchantA)).isEqualTo(paymentId(merchantA, ORDER_ID));
    assertThat(paymentOf(merchantB)).isEqualTo(paymentId(merchantB, ORDER_ID));
    assertThat(paymentOf(merchantA)).isNotEqualTo(paymentOf(merchantB));

    // Two refunds at the acquirer, under two keys, each against its own charge.
    String keyA = acquirerKey(merchantA, REFUND_ID);
    String keyB = acquirerKey(merchantB, REFUND_ID);
    assertThat(keyA).isEqualTo(new RefundKey(merchantA, REFUND_ID).newAcquirerKey());
    assertThat(keyB).isEqualTo(new RefundKey(merchantB, REFUND_ID).newAcquirerKey());
    assertThat(keyA).isNotEqualTo(keyB).isNotEqualTo(REFUND_ID).startsWith("payrail:refund:");
    assertThat(atAcquirer(keyA)).isEqualTo("600 ch_" + paymentId(merchantA, ORDER_ID));
    assertThat(atAcquirer(keyB)).isEqualTo("700 ch_" + paymentId(merchantB, ORDER_ID));

    // Each merchant's audit trail has its own refund.
    assertThat(events(merchantA)).containsExactly("RECORDED>PENDING", "ACQUIRER>COMPLETED");
    assertThat(events(merchantB)).containsExactly("RECORDED>PENDING", "ACQUIRER>COMPLETED");
  }

  @Test
  void aMerchantRepeatingItsRefundGetsItsOwnAnswerWhateverAnotherMerchantDidWithTheSameIds() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String merchantA = "merchant-a-" + suffix;
    String merchantB = "merchant-b-" + suffix;
    OrderKey orderA = new OrderKey(merchantA, ORDER_ID);
    OrderKey orderB = new OrderKey(merchantB, ORDER_ID);
    seedPayment(merchantA, ORDER_ID, 1_000, "CAPTURED");
    seedPayment(merchantB, ORDER_ID, 1_000, "CAPTURED");

    send(request(REFUND_ID, ORDER_ID, 100L, null, merchantA));
    send(request(REFUND_ID, ORDER_ID, 200L, null, merchantB));
    send(request(REFUND_ID, ORDER_ID, 100L, null, merchantA));
    send(request(REFUND_ID, ORDER_ID, 100L, null, merchantB));

    Map<OrderKey, List<RefundProcessed>> events = awaitRefundsOf(List.of(orderA, orderB), 4);
    assertThat(events.get(orderA))
        .map(Answer::of)
        .containsExactly(
            new Answer(REFUND_ID, RefundStatus.COMPLETED, null, 100, 100),
            new Answer(REFUND_ID, RefundStatus.COMPLETED, null, 100, 100));
    // B's repeat with A's amount is a mismatch of B's own refund, not a replay of A's.
    assertThat(events.get(orderB))
        .map(Answer::of)
        .containsExactly(
            new Answer(REFUND_ID, RefundStatus.COMPLETED, null, 200, 200),
            new Answer(REFUND_ID, RefundStatus.REJECTED, "idempotency_mismatch", 100, 200));
    assertThat(atAcquirer(acquirerKey(merchantA, REFUND_ID))).startsWith("100 ");
    assertThat(atAcquirer(acquirerKey(merchantB, REFUND_ID))).startsWith("200 ");
  }

  private static String paymentOf(String merchantId) {
    return database()
        .queryForObject(
            "SELECT payment_id FROM refunds WHERE merchant_id = ? AND refund_id = ?",
            String.class,
            merchantId,
            REFUND_ID);
  }

  /** "amount charge_reference" of the acquirer's one refund under this key. */
  private static String atAcquirer(String acquirerKey) {
    return database()
        .queryForObject(
            "SELECT CONCAT(amount_minor, ' ', charge_reference) FROM simulated_acquirer_refunds"
                + " WHERE idempotency_key = ?",
            String.class,
            acquirerKey);
  }

  private static List<String> events(String merchantId) {
    return database()
        .queryForList(
            "SELECT CONCAT(kind, '>', status) FROM refund_events"
                + " WHERE merchant_id = ? AND refund_id = ? ORDER BY id",
            String.class,
            merchantId,
            REFUND_ID);
  }
}
