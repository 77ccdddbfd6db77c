package io.payrail.audit.reconcile;

import io.payrail.audit.Discrepancy;
import io.payrail.audit.DiscrepancyKind;
import io.payrail.audit.kafka.Event;
import io.payrail.audit.kafka.ResultTopics;
import io.payrail.audit.ledger.AcquirerRefundRow;
import io.payrail.audit.ledger.LedgerRows;
import io.payrail.audit.ledger.PaymentRow;
import io.payrail.audit.ledger.RefundKey;
import io.payrail.audit.ledger.RefundRow;
import io.payrail.events.RefundProcessed;
import io.payrail.events.RefundStatus;
import io.payrail.schemas.keys.CustomerKey;
import io.payrail.schemas.keys.OrderKey;
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
 * acquirer's refunds agree. A refund is its merchant's (merchantId, refundId), an order too: two
 * merchants' refund "r-1" of their order "1001" are two refunds of two orders. An acquirer refund
 * is its row's by the row's {@code acquirer_key}. A refund may have several events (a repeated
 * request is answered again with the kept outcome); they must all agree with its row. An UNKNOWN
 * row (the acquirer never answered) has no event, and maybe an acquirer refund, until the
 * processor's reconciler resolves it; one UNKNOWN for longer than the threshold is a discrepancy.
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
    Map<RefundKey, RefundRow> rows = new HashMap<>();
    ledger.refunds().forEach(row -> rows.put(row.refundKey(), row));
    Map<RefundKey, List<Event<RefundProcessed>>> recordedEvents = new LinkedHashMap<>();
    for (Event<RefundProcessed> event : events.refunds()) {
      if (isRecorded(event.value())) {
        recordedEvents
            .computeIfAbsent(
                new RefundKey(event.value().getMerchantId(), event.value().getRefundId()),
                k -> new ArrayList<>())
            .add(event);
      }
    }
    List<Discrepancy> found = new ArrayList<>();
    eventsAgainstRows(recordedEvents, rows, found);
    rowsAgainstEvents(ledger, recordedEvents, found);
    unknownRows(ledger, found);
    refundsWithinCaptures(ledger, recordedEvents, found);
    rowsAgainstAcquirer(ledger, found);
    return found;
  }

  private static void eventsAgainstRows(
      Map<RefundKey, List<Event<RefundProcessed>>> recordedEvents,
      Map<RefundKey, RefundRow> rows,
      List<Discrepancy> found) {
    recordedEvents.forEach(
        (refundId, list) -> {
          RefundRow row = rows.get(refundId);
          for (Event<RefundProcessed> event : list) {
            RefundProcessed value = event.value();
            String orderId = OrderKey.of(value.getMerchantId(), value.getOrderId());
            String customerId =
                value.getCustomerId() == null
                    ? null
                    : CustomerKey.of(value.getMerchantId(), value.getCustomerId());
            if (row == null) {
              found.add(
                  new Discrepancy(
                      DiscrepancyKind.REFUND_EVENT_WITHOUT_ROW,
                      orderId,
                      customerId,
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
                      orderId,
                      customerId,
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
      Map<RefundKey, List<Event<RefundProcessed>>> recordedEvents,
      List<Discrepancy> found) {
    for (RefundRow row : ledger.refunds()) {
      if (!row.unknown() && !recordedEvents.containsKey(row.refundKey())) {
        found.add(
            new Discrepancy(
                DiscrepancyKind.REFUND_ROW_WITHOUT_EVENT,
                row.orderKey().encoded(),
                row.customerKey().encoded(),
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
                row.orderKey().encoded(),
                row.customerKey().encoded(),
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
      Map<RefundKey, List<Event<RefundProcessed>>> recordedEvents,
      List<Discrepancy> found) {
    Map<OrderKey, PaymentRow> payments = new HashMap<>();
    ledger.payments().forEach(row -> payments.put(row.orderKey(), row));
    Map<OrderKey, Long> refundedByEvents = new HashMap<>();
    Map<OrderKey, String> customers = new HashMap<>();
    recordedEvents.forEach(
        (refundId, list) ->
            list.stream()
                .map(Event::value)
                .filter(value -> value.getStatus() == RefundStatus.COMPLETED)
                .findFirst()
                .ifPresent(
                    value -> {
                      OrderKey order = new OrderKey(value.getMerchantId(), value.getOrderId());
                      refundedByEvents.merge(order, value.getAmountMinor(), Long::sum);
                      if (value.getCustomerId() != null) {
                        customers.putIfAbsent(
                            order, CustomerKey.of(value.getMerchantId(), value.getCustomerId()));
                      }
                    }));
    Map<OrderKey, Long> refundedByRows = new HashMap<>();
    for (RefundRow row : ledger.refunds()) {
      if (row.completed()) {
        refundedByRows.merge(row.orderKey(), row.amountMinor(), Long::sum);
        customers.putIfAbsent(row.orderKey(), row.customerKey().encoded());
      }
    }
    Set<OrderKey> orders = new TreeSet<>(refundedByEvents.keySet());
    orders.addAll(refundedByRows.keySet());
    for (OrderKey orderId : orders) {
      PaymentRow payment = payments.get(orderId);
      long captured = payment != null && payment.captured() ? payment.amountMinor() : 0;
      long byEvents = refundedByEvents.getOrDefault(orderId, 0L);
      long byRows = refundedByRows.getOrDefault(orderId, 0L);
      if (byEvents > captured || byRows > captured) {
        found.add(
            new Discrepancy(
                DiscrepancyKind.REFUND_EXCEEDS_CAPTURE,
                orderId.encoded(),
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

  private static void rowsAgainstAcquirer(LedgerRows ledger, List<Discrepancy> found) {
    Map<String, AcquirerRefundRow> paidBack = new HashMap<>();
    ledger.acquirerRefunds().forEach(refund -> paidBack.put(refund.idempotencyKey(), refund));
    Map<String, RefundRow> byAcquirerKey = new HashMap<>();
    ledger.refunds().forEach(row -> byAcquirerKey.put(row.acquirerKey(), row));
    for (RefundRow row : ledger.refunds()) {
      if (!row.completed()) {
        continue;
      }
      AcquirerRefundRow refund = paidBack.get(row.acquirerKey());
      if (refund == null) {
        found.add(
            new Discrepancy(
                DiscrepancyKind.COMPLETED_REFUND_WITHOUT_ACQUIRER_REFUND,
                row.orderKey().encoded(),
                row.customerKey().encoded(),
                "refund "
                    + row.refundId()
                    + " is COMPLETED, the acquirer paid nothing back under its key "
                    + row.acquirerKey()));
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
                row.orderKey().encoded(),
                row.customerKey().encoded(),
                "refund " + row.refundId() + " vs acquirer: " + String.join(", ", differences)));
      }
    }
    for (AcquirerRefundRow refund : ledger.acquirerRefunds()) {
      RefundRow row = byAcquirerKey.get(refund.idempotencyKey());
      // An UNKNOWN refund's acquirer refund is the reconciler's to find (unknownRows reports one
      // left UNKNOWN too long).
      if (row == null || (!row.completed() && !row.unknown())) {
        found.add(
            new Discrepancy(
                DiscrepancyKind.ACQUIRER_REFUND_WITHOUT_COMPLETED_REFUND,
                row == null ? refund.orderId() : row.orderKey().encoded(),
                row == null ? null : row.customerKey().encoded(),
                "acquirer refund "
                    + refund.refundReference()
                    + " of "
                    + refund.amountMinor()
                    + " "
                    + refund.currency()
                    + " under key "
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
