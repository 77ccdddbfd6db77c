package io.payrail.audit.reconcile;

import io.payrail.audit.Discrepancy;
import io.payrail.audit.DiscrepancyKind;
import io.payrail.audit.kafka.Event;
import io.payrail.audit.kafka.ResultTopics;
import io.payrail.audit.ledger.LedgerRows;
import io.payrail.audit.ledger.PaymentRow;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.RiskAssessed;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every order flows through exactly once: one {@code RiskAssessed} and one {@code PaymentProcessed}
 * per orderId, whatever crashed on the way. An order placed twice (an upstream retry) is one order;
 * an order the risk step dead-lettered expects no assessment, and an assessment the payment step
 * dead-lettered expects no payment.
 */
public final class OrderFlowCheck implements Reconciliation {

  @Override
  public List<Discrepancy> check(ResultTopics events, LedgerRows ledger) {
    Map<String, Event<OrderPlaced>> firstOrders = new LinkedHashMap<>();
    events.orders().forEach(order -> firstOrders.putIfAbsent(order.key(), order));
    Map<String, List<Event<RiskAssessed>>> assessments = byKey(events.assessments());
    Map<String, List<Event<PaymentProcessed>>> payments = byKey(events.payments());
    // An UNKNOWN payment has no event until it is resolved; PaymentLedgerCheck watches how long.
    Set<String> unknownPayments = new HashSet<>();
    ledger.payments().stream()
        .filter(PaymentRow::unknown)
        .forEach(row -> unknownPayments.add(row.orderId()));

    List<Discrepancy> found = new ArrayList<>();
    firstOrders.forEach(
        (orderId, order) -> {
          if (events.wasDeadLettered(order.source())) {
            return;
          }
          String customerId = order.value().getCustomerId();
          List<Event<RiskAssessed>> assessed = assessments.getOrDefault(orderId, List.of());
          if (assessed.isEmpty()) {
            found.add(
                new Discrepancy(
                    DiscrepancyKind.MISSING_RISK_ASSESSMENT,
                    orderId,
                    customerId,
                    "placed at " + order.source() + ", never assessed"));
            return;
          }
          if (assessed.size() > 1) {
            found.add(
                new Discrepancy(
                    DiscrepancyKind.DUPLICATE_RISK_ASSESSMENT,
                    orderId,
                    customerId,
                    assessed.size() + " assessments at " + sources(assessed)));
          }
          if (events.wasDeadLettered(assessed.get(0).source())) {
            return;
          }
          List<Event<PaymentProcessed>> paid = payments.getOrDefault(orderId, List.of());
          if (paid.isEmpty() && !unknownPayments.contains(orderId)) {
            found.add(
                new Discrepancy(
                    DiscrepancyKind.MISSING_PAYMENT_EVENT,
                    orderId,
                    customerId,
                    "assessed at " + assessed.get(0).source() + ", no payment event"));
          } else if (paid.size() > 1) {
            found.add(
                new Discrepancy(
                    DiscrepancyKind.DUPLICATE_PAYMENT_EVENT,
                    orderId,
                    customerId,
                    paid.size() + " payment events at " + sources(paid)));
          }
        });
    orphans(assessments, firstOrders, "RiskAssessed", found);
    orphans(payments, firstOrders, "PaymentProcessed", found);
    return found;
  }

  private static <V> void orphans(
      Map<String, List<Event<V>>> results,
      Map<String, Event<OrderPlaced>> orders,
      String type,
      List<Discrepancy> found) {
    results.forEach(
        (orderId, list) -> {
          if (!orders.containsKey(orderId)) {
            found.add(
                new Discrepancy(
                    DiscrepancyKind.EVENT_WITHOUT_ORDER,
                    orderId,
                    null,
                    type + " at " + sources(list) + " for an order never placed"));
          }
        });
  }

  static <V> Map<String, List<Event<V>>> byKey(List<Event<V>> events) {
    Map<String, List<Event<V>>> grouped = new LinkedHashMap<>();
    events.forEach(
        event -> grouped.computeIfAbsent(event.key(), k -> new ArrayList<>()).add(event));
    return grouped;
  }

  private static <V> String sources(List<Event<V>> events) {
    return events.stream().map(event -> event.source().toString()).toList().toString();
  }
}
