package io.payrail.payment.ledger;

import static io.payrail.payment.support.Assessments.assessed;
import static io.payrail.payment.support.Assessments.newOrderId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.payrail.events.RiskDecision;
import io.payrail.listener.reconcile.SourceRecord;
import io.payrail.payment.coupon.CouponClaim;
import io.payrail.payment.support.Assessments;
import io.payrail.payment.support.PaymentIntegrationTest;
import io.payrail.schemas.keys.OrderKey;
import io.payrail.schemas.topics.Topics;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The ledger changes a batch's statuses with one statement per round, on the real database: every
 * change still applies only to a row in the status it expects, a row someone else moved fails the
 * whole batch, two changes of one order in a batch apply in their order, and a batch larger than
 * one statement is written and changed whole.
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

  @Test
  void aBatchLargerThanOneStatementIsWrittenAndChangedWholeWithEveryColumnAsGiven() {
    int size = 2 * Columns.ROWS_PER_STATEMENT + 1;
    Instant placed = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Instant answered = placed.plusSeconds(1);
    List<PaymentRow> pending =
        IntStream.range(0, size)
            .mapToObj(i -> pendingRow(newOrderId("wide-" + i), i, placed))
            .toList();

    List<LedgerEntry> written =
        ledger.record(
            pending.stream()
                .map(
                    row ->
                        new LedgerEntry(
                            row,
                            List.of(
                                new StatusChange(
                                    null, LedgerStatus.PENDING, "approve", row.createdAt()))))
                .toList());

    assertThat(written).extracting(LedgerEntry::row).isEqualTo(pending);
    assertThat(ledger.findByOrderKeys(keys(pending))).isEqualTo(byKey(pending));

    List<PaymentRow> captured =
        pending.stream()
            .map(
                row ->
                    row.withOutcome(
                        LedgerStatus.CAPTURED,
                        null,
                        "gw_" + row.orderId(),
                        new SourceRecord(Topics.PAYMENTS.name(), 1, row.sourceOffset()),
                        answered))
            .toList();
    ledger.update(
        captured.stream()
            .map(row -> new StatusUpdate(row, LedgerStatus.PENDING, "approved"))
            .toList());

    assertThat(ledger.findByOrderKeys(keys(captured))).isEqualTo(byKey(captured));
    for (PaymentRow row : List.of(captured.get(0), captured.get(size - 1))) {
      assertThat(history(row.key())).containsExactly("NONE>PENDING", "PENDING>CAPTURED");
    }
  }

  /** A new PENDING row; every other one claims a coupon (with a null and a set limit). */
  private static PaymentRow pendingRow(String orderId, int i, Instant at) {
    return new PaymentRow(
        PaymentIds.paymentId(Assessments.MERCHANT, orderId),
        PaymentIds.chargeKey(Assessments.MERCHANT, orderId),
        orderId,
        "customer-" + i,
        Assessments.MERCHANT,
        1_000L + i,
        "EUR",
        i % 100,
        "APPROVE",
        LedgerStatus.PENDING,
        null,
        null,
        "visa",
        "4242",
        i % 3,
        10_000L + i,
        at,
        at,
        null,
        "tok_visa",
        null,
        i % 2 == 0 ? new CouponClaim("WIDE" + i, 100, null, 3) : null,
        0,
        null);
  }

  private static List<OrderKey> keys(List<PaymentRow> rows) {
    return rows.stream().map(PaymentRow::key).toList();
  }

  private static Map<OrderKey, PaymentRow> byKey(List<PaymentRow> rows) {
    return rows.stream().collect(Collectors.toMap(PaymentRow::key, Function.identity()));
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
