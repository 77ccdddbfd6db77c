package io.payrail.audit.reconcile;

import io.payrail.audit.Discrepancy;
import io.payrail.audit.DiscrepancyKind;
import io.payrail.audit.kafka.Event;
import io.payrail.audit.kafka.ResultTopics;
import io.payrail.audit.ledger.AcquirerRefundRow;
import io.payrail.audit.ledger.LedgerRows;
import io.payrail.audit.ledger.PaymentRow;
import io.payrail.audit.ledger.RefundRow;
import io.payrail.events.RefundProcessed;
import io.payrail.events.RefundStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refunds never exceed what was captured, and the refunds topic, the refunds ledger and the
 * acquirer's refunds agree. A refundId may have several events (a repeated request is answered
 * again with the kept outcome); they must all agree with its row. An UNKNOWN row (the acquirer
 * never answered) has no event, and maybe an acquirer refund, until the processor's reconciler
 * resolves it; one UNKNOWN for longer than the threshold is a discrepancy.
 */
public final class RefundCheck implements Reconciliation {

  /**
   * Rejections the refund-processor answers without keeping a row (its {@code RejectionCode}s that
   * are not recorded): they depend on a payment still to come, belong to another request's key, or
   * would take the order beyond its cap of refunds.
   */
  static final Set<String> NOT_RECORDED =
      Set.of("not_captured", "unknown_order", "idempotency_mismatch", "too_many_refunds");

  private final Duration unknownThreshold;
  private final Instant now;

  /**
   * @param unknownThreshold how long a refund may stay UNKNOWN before it is reported
   * @param now when the ledger was read
   */
  public RefundCheck(Duration unknownThreshold, Instant now) {
    this.unknownThreshold = unknownThreshold;
    this.now = now;
  }

  @Override
  public List<Discrepancy> check(ResultTopics events, LedgerRows ledger) {
    Map<String, RefundRow> rows = new HashMap<>();
    ledger.refunds().forEach(row -> rows.put(row.refundId(), row));
    Map<String, List<Event<RefundProcessed>>> recordedEvents = new LinkedHashMap<>();
    for (Event<RefundProcessed> event : events.refunds()) {
      if (isRecorded(event.value())) {
        recordedEvents
            .computeIfAbsent(event.value().getRefundId(), k -> new ArrayList<>())
            .add(event);
      }
    }
    List<Discrepancy> found = new ArrayList<>();
    eventsAgainstRows(recordedEvents, rows, found);
    rowsAgainstEvents(ledger, recordedEvents, found);
    unknownRows(ledger, found);
    refundsWithinCaptures(ledger, recordedEvents, found);
    rowsAgainstAcquirer(ledger, rows, found);
    return found;
  }

  private static void eventsAgainstRows(
      Map<String, List<Event<RefundProcessed>>> recordedEvents,
      Map<String, RefundRow> rows,
      List<Discrepancy> found) {
    recordedEvents.forEach(
        (refundId, list) -> {
          RefundRow row = rows.get(refundId);
          for (Event<RefundProcessed> event : list) {
            RefundProcessed value = event.value();
            if (row == null) {
              found.add(
                  new Discrepancy(
                      DiscrepancyKind.REFUND_EVENT_WITHOUT_ROW,
                      value.getOrderId(),
                      value.getCustomerId(),
                      "refund "
                          + refundId
                          + " "
                          + value.getStatus()
                          + " at "
                          + event.source()
                          + " has no refunds row"));
              continue;
            }
            List<String> differences = new ArrayList<>();
            PaymentLedgerCheck.compare("orderId", value.getOrderId(), row.orderId(), differences);
            PaymentLedgerCheck.compare(
                "status", value.getStatus().name(), row.status(), differences);
            PaymentLedgerCheck.compare(
                "amountMinor", value.getAmountMinor(), row.amountMinor(), differences);
            PaymentLedgerCheck.compare(
                "currency", value.getCurrency(), row.currency(), differences);
            if (!differences.isEmpty()) {
              found.add(
                  new Discrepancy(
                      DiscrepancyKind.REFUND_LEDGER_MISMATCH,
                      value.getOrderId(),
                      value.getCustomerId(),
                      "refund "
                          + refundId
                          + " at "
                          + event.source()
                          + " vs row: "
                          + String.join(", ", differences)));
            }
          }
        });
  }

  private static void rowsAgainstEvents(
      LedgerRows ledger,
      Map<String, List<Event<RefundProcessed>>> recordedEvents,
      List<Discrepancy> found) {
    for (RefundRow row : ledger.refunds()) {
      if (!row.unknown() && !recordedEvents.containsKey(row.refundId())) {
        found.add(
            new Discrepancy(
                DiscrepancyKind.REFUND_ROW_WITHOUT_EVENT,
                row.orderId(),
                row.customerId(),
                "refund " + row.refundId() + " is " + row.status() + " with no refund event"));
      }
    }
  }

  private void unknownRows(LedgerRows ledger, List<Discrepancy> found) {
    for (RefundRow row : ledger.refunds()) {
      Duration waited = Duration.between(row.updatedAt(), now);
      if (row.unknown() && waited.compareTo(unknownThreshold) > 0) {
        found.add(
            new Discrepancy(
                DiscrepancyKind.REFUND_UNKNOWN_TOO_LONG,
                row.orderId(),
                row.customerId(),
                "refund "
                    + row.refundId()
                    + " has been UNKNOWN for "
                    + waited.toSeconds()
                    + " s (threshold "
                    + unknownThreshold.toSeconds()
                    + " s): is the refund-processor's reconciler running, does the acquirer"
                    + " answer lookups?"));
      }
    }
  }

  private static void refundsWithinCaptures(
      LedgerRows ledger,
      Map<String, List<Event<RefundProcessed>>> recordedEvents,
      List<Discrepancy> found) {
    Map<String, PaymentRow> payments = new HashMap<>();
    ledger.payments().forEach(row -> payments.put(row.orderId(), row));
    Map<String, Long> refundedByEvents = new HashMap<>();
    Map<String, String> customers = new HashMap<>();
    recordedEvents.forEach(
        (refundId, list) ->
            list.stream()
                .map(Event::value)
                .filter(value -> value.getStatus() == RefundStatus.COMPLETED)
                .findFirst()
                .ifPresent(
                    value -> {
                      refundedByEvents.merge(value.getOrderId(), value.getAmountMinor(), Long::sum);
                      customers.putIfAbsent(value.getOrderId(), value.getCustomerId());
                    }));
    Map<String, Long> refundedByRows = new HashMap<>();
    for (RefundRow row : ledger.refunds()) {
      if (row.completed()) {
        refundedByRows.merge(row.orderId(), row.amountMinor(), Long::sum);
        customers.putIfAbsent(row.orderId(), row.customerId());
      }
    }
    Set<String> orders = new TreeSet<>(refundedByEvents.keySet());
    orders.addAll(refundedByRows.keySet());
    for (String orderId : orders) {
      PaymentRow payment = payments.get(orderId);
      long captured = payment != null && payment.captured() ? payment.amountMinor() : 0;
      long byEvents = refundedByEvents.getOrDefault(orderId, 0L);
      long byRows = refundedByRows.getOrDefault(orderId, 0L);
      if (byEvents > captured || byRows > captured) {
        found.add(
            new Discrepancy(
                DiscrepancyKind.REFUND_EXCEEDS_CAPTURE,
                orderId,
                customers.get(orderId),
                "captured "
                    + captured
                    + ", completed refunds "
                    + byEvents
                    + " by events and "
                    + byRows
                    + " by rows"));
      }
    }
  }

  private static void rowsAgainstAcquirer(
      LedgerRows ledger, Map<String, RefundRow> rows, List<Discrepancy> found) {
    Map<String, AcquirerRefundRow> paidBack = new HashMap<>();
    ledger.acquirerRefunds().forEach(refund -> paidBack.put(refund.idempotencyKey(), refund));
    for (RefundRow row : ledger.refunds()) {
      if (!row.completed()) {
        continue;
      }
      AcquirerRefundRow refund = paidBack.get(row.refundId());
      if (refund == null) {
        found.add(
            new Discrepancy(
                DiscrepancyKind.COMPLETED_REFUND_WITHOUT_ACQUIRER_REFUND,
                row.orderId(),
                row.customerId(),
                "refund " + row.refundId() + " is COMPLETED, the acquirer paid nothing back"));
        continue;
      }
      List<String> differences = new ArrayList<>();
      PaymentLedgerCheck.compare(
          "amountMinor", row.amountMinor(), refund.amountMinor(), differences);
      PaymentLedgerCheck.compare("currency", row.currency(), refund.currency(), differences);
      if (row.gatewayReference() != null) {
        PaymentLedgerCheck.compare(
            "reference", row.gatewayReference(), refund.refundReference(), differences);
      }
      if (!differences.isEmpty()) {
        found.add(
            new Discrepancy(
                DiscrepancyKind.ACQUIRER_REFUND_MISMATCH,
                row.orderId(),
                row.customerId(),
                "refund " + row.refundId() + " vs acquirer: " + String.join(", ", differences)));
      }
    }
    for (AcquirerRefundRow refund : ledger.acquirerRefunds()) {
      RefundRow row = rows.get(refund.idempotencyKey());
      // An UNKNOWN refund's acquirer refund is the reconciler's to find (unknownRows reports one
      // left UNKNOWN too long).
      if (row == null || (!row.completed() && !row.unknown())) {
        found.add(
            new Discrepancy(
                DiscrepancyKind.ACQUIRER_REFUND_WITHOUT_COMPLETED_REFUND,
                refund.orderId(),
                row == null ? null : row.customerId(),
                "acquirer refund "
                    + refund.refundReference()
                    + " of "
                    + refund.amountMinor()
                    + " "
                    + refund.currency()
                    + " for refund "
                    + refund.idempotencyKey()
                    + (row == null ? " with no refunds row" : " which is " + row.status())));
      }
    }
  }

  private static boolean isRecorded(RefundProcessed value) {
    return value.getStatus() == RefundStatus.COMPLETED
        || value.getRejectionCode() == null
        || !NOT_RECORDED.contains(value.getRejectionCode());
  }
}
