package io.payrail.payment.ledger;

import static io.payrail.payment.support.Assessments.assessed;
import static io.payrail.payment.support.Assessments.newOrderId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.events.RiskDecision;
import io.payrail.listener.reconcile.SourceRecord;
import io.payrail.payment.support.Assessments;
import io.payrail.payment.support.PaymentIntegrationTest;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.topics.Topics;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The ledger changes a batch's statuses with one statement per round, on the real database: every
 * change still applies only to a row in the status it expects, a row someone else moved fails the
 * whole batch, and two changes of one order in a batch apply in their order.
 */
class BatchStatusChangesTest extends PaymentIntegrationTest {

  private static final SourceRecord DECISION =
      new SourceRecord(Topics.REVIEW_DECISIONS.name(), 0, 0);

  @Autowired PaymentLedger ledger;

  @Test
  void aRowNoLongerInTheStatusTheChangeExpectsFailsTheBatchAndChangesNoRowOfIt() {
    Map<OrderKey, PaymentRow> held = held("moved-a", "moved-b");
    Instant now = Instant.now();
    List<StatusUpdate> updates =
        held.values().stream()
            .map(
                row ->
                    new StatusUpdate(
                        row.withReview(LedgerStatus.REJECTED_BY_REVIEW, "rejected", DECISION, now),
                        LedgerStatus.HELD_FOR_REVIEW,
                        "rejected"))
            .toList();
    // The second row is HELD_FOR_REVIEW, but this change expects it PENDING.
    StatusUpdate stale = new StatusUpdate(updates.get(1).row(), LedgerStatus.PENDING, "rejected");

    assertThatThrownBy(() -> ledger.update(List.of(updates.get(0), stale)))
        .isInstanceOf(LedgerStatus.IllegalTransitionException.class)
        .hasMessageContaining("from PENDING to REJECTED_BY_REVIEW");

    for (OrderKey order : held.keySet()) {
      assertThat(paymentRow(order)).as(order.encoded()).containsEntry("status", "HELD_FOR_REVIEW");
      assertThat(history(order)).as(order.encoded()).containsExactly("NONE>HELD_FOR_REVIEW");
    }
  }

  @Test
  void twoChangesOfOneOrderInABatchApplyInTheirOrderBesideTheOthers() {
    Map<OrderKey, PaymentRow> held = held("twice", "once");
    List<PaymentRow> rows = List.copyOf(held.values());
    Instant now = Instant.now();
    PaymentRow released = rows.get(0).withReview(LedgerStatus.PENDING, null, DECISION, now);
    PaymentRow declined = released.withCouponRefused("coupon_exhausted", now);
    PaymentRow rejected =
        rows.get(1).withReview(LedgerStatus.REJECTED_BY_REVIEW, "rejected", DECISION, now);

    ledger.update(
        List.of(
            new StatusUpdate(released, LedgerStatus.HELD_FOR_REVIEW, "approved"),
            new StatusUpdate(rejected, LedgerStatus.HELD_FOR_REVIEW, "rejected"),
            new StatusUpdate(declined, LedgerStatus.PENDING, "coupon_exhausted")));

    assertThat(paymentRow(released.key()))
        .containsEntry("status", "DECLINED")
        .containsEntry("decline_code", "coupon_exhausted");
    assertThat(history(released.key()))
        .containsExactly("NONE>HELD_FOR_REVIEW", "HELD_FOR_REVIEW>PENDING", "PENDING>DECLINED");
    assertThat(paymentRow(rejected.key()))
        .containsEntry("status", "REJECTED_BY_REVIEW")
        .containsEntry("review_partition", 0);
    assertThat(history(rejected.key()))
        .containsExactly("NONE>HELD_FOR_REVIEW", "HELD_FOR_REVIEW>REJECTED_BY_REVIEW");
  }

  /** Orders the pipeline held for review (rows in HELD_FOR_REVIEW, nothing charged), in order. */
  private Map<OrderKey, PaymentRow> held(String... names) {
    List<OrderKey> orders =
        List.of(names).stream()
            .map(name -> new OrderKey(Assessments.MERCHANT, newOrderId(name)))
            .toList();
    awaitConsumed(
        orders.stream()
            .map(order -> send(assessed(order.orderId(), RiskDecision.REVIEW, "tok_visa")))
            .toArray(RecordMetadata[]::new));
    Map<OrderKey, PaymentRow> rows = ledger.findByOrderKeys(orders);
    assertThat(rows).containsOnlyKeys(orders);
    Map<OrderKey, PaymentRow> ordered = new LinkedHashMap<>();
    orders.forEach(order -> ordered.put(order, rows.get(order)));
    return ordered;
  }
}
