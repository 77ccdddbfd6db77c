package io.payrail.audit.reconcile;

import io.payrail.audit.Discrepancy;
import io.payrail.audit.DiscrepancyKind;
import io.payrail.audit.kafka.Event;
import io.payrail.audit.kafka.ResultTopics;
import io.payrail.audit.ledger.LedgerRows;
import io.payrail.audit.ledger.PaymentRow;
import io.payrail.events.PaymentProcessed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The payments topic and the payments ledger tell the same story: every event has its row with the
 * same payment id, status, amount and currency, and every final row has its event. (The ledger is
 * written first, so a row without event is a lost publish and an event without row a lost write.)
 * An UNKNOWN row (the acquirer never answered) has no event until the processor's reconciler
 * resolves it; one UNKNOWN for longer than the threshold is a discrepancy.
 */
public final class PaymentLedgerCheck implements Reconciliation {

  private final Duration unknownThreshold;
  private final Instant now;

  /**
   * @param unknownThreshold how long a payment may stay UNKNOWN before it is reported
   * @param now when the ledger was read
   */
  public PaymentLedgerCheck(Duration unknownThreshold, Instant now) {
    this.unknownThreshold = unknownThreshold;
    this.now = now;
  }

  @Override
  public List<Discrepancy> check(ResultTopics events, LedgerRows ledger) {
    Map<String, PaymentRow> rows = new HashMap<>();
    ledger.payments().forEach(row -> rows.put(row.orderId(), row));
    Map<String, List<Event<PaymentProcessed>>> byOrder = OrderFlowCheck.byKey(events.payments());

    List<Discrepancy> found = new ArrayList<>();
    byOrder.forEach(
        (orderId, paid) -> {
          PaymentRow row = rows.get(orderId);
          for (Event<PaymentProcessed> event : paid) {
            PaymentProcessed value = event.value();
            if (row == null) {
              found.add(
                  new Discrepancy(
                      DiscrepancyKind.PAYMENT_WITHOUT_LEDGER_ROW,
                      orderId,
                      value.getCustomerId(),
                      value.getStatus() + " at " + event.source() + " has no payments row"));
              continue;
            }
            List<String> differences = differences(value, row);
            if (!differences.isEmpty()) {
              found.add(
                  new Discrepancy(
                      DiscrepancyKind.PAYMENT_LEDGER_MISMATCH,
                      orderId,
                      value.getCustomerId(),
                      "event at " + event.source() + " vs row: " + String.join(", ", differences)));
            }
          }
        });
    for (PaymentRow row : ledger.payments()) {
      if (row.unknown()) {
        Duration waited = Duration.between(row.updatedAt(), now);
        if (waited.compareTo(unknownThreshold) > 0) {
          found.add(
              new Discrepancy(
                  DiscrepancyKind.PAYMENT_UNKNOWN_TOO_LONG,
                  row.orderId(),
                  row.customerId(),
                  "payment "
                      + row.paymentId()
                      + " has been UNKNOWN for "
                      + waited.toSeconds()
                      + " s (threshold "
                      + unknownThreshold.toSeconds()
                      + " s): is the reconciler running, does the acquirer answer lookups?"));
        }
      } else if (PaymentRow.PENDING.equals(row.status())) {
        found.add(
            new Discrepancy(
                DiscrepancyKind.PAYMENT_STUCK_PENDING,
                row.orderId(),
                row.customerId(),
                "payment " + row.paymentId() + " is PENDING: charged or not, it has no outcome"));
      } else if (!byOrder.containsKey(row.orderId())) {
        found.add(
            new Discrepancy(
                DiscrepancyKind.LEDGER_ROW_WITHOUT_EVENT,
                row.orderId(),
                row.customerId(),
                "payment " + row.paymentId() + " is " + row.status() + " with no payment event"));
      }
    }
    return found;
  }

  private static List<String> differences(PaymentProcessed event, PaymentRow row) {
    List<String> differences = new ArrayList<>();
    compare("paymentId", event.getPaymentId(), row.paymentId(), differences);
    compare("status", event.getStatus().name(), row.status(), differences);
    compare("amountMinor", event.getAmountMinor(), row.amountMinor(), differences);
    compare("currency", event.getCurrency(), row.currency(), differences);
    compare("customerId", event.getCustomerId(), row.customerId(), differences);
    return differences;
  }

  static void compare(String field, Object event, Object row, List<String> differences) {
    if (!Objects.equals(event, row)) {
      differences.add(field + " " + event + " != " + row);
    }
  }
}
