package io.payrail.audit.reconcile;

import io.payrail.audit.Discrepancy;
import io.payrail.audit.DiscrepancyKind;
import io.payrail.audit.kafka.Event;
import io.payrail.audit.kafka.RecordCoordinates;
import io.payrail.audit.kafka.ResultTopics;
import io.payrail.audit.ledger.LedgerRows;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.events.RiskAssessed;
import io.payrail.schemas.keys.CustomerKey;
import io.payrail.schemas.keys.OrderKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every order flows through exactly once: one {@code RiskAssessed} and one {@code PaymentProcessed}
 * outcome per order (merchantId, orderId), whatever crashed on the way; an order risk held for
 * review has, before its outcome, one {@code PaymentProcessed} HELD_FOR_REVIEW. An order placed
 * twice (an upstream retry) is one order; an order the risk step dead-lettered expects no
 * assessment, and an assessment the payment step dead-lettered expects no payment.
 */
public final class OrderFlowCheck implements Reconciliation {

  @Override
  public List<Discrepancy> check(ResultTopics events, LedgerRows ledger) {
    Map<OrderKey, Event<OrderPlaced>> firstOrders = new LinkedHashMap<>();
    events.orders().forEach(order -> firstOrders.putIfAbsent(order.orderKey(), order));
    Map<OrderKey, List<Event<RiskAssessed>>> assessments = byKey(events.assessments());
    Map<OrderKey, List<Event<PaymentProcessed>>> payments = byKey(events.payments());
    // An UNKNOWN payment has no event until it is resolved, one AWAITING_POINTS none until its
    // points are answered; PaymentLedgerCheck watches how long.
    Set<OrderKey> unknownPayments = new HashSet<>();
    ledger.payments().stream()
        .filter(row -> row.unknown() || row.awaitingPoints())
        .forEach(row -> unknownPayments.add(row.orderKey()));

    List<Discrepancy> found = new ArrayList<>();
    firstOrders.forEach(
        (orderKey, order) -> {
          if (events.wasDeadLettered(order.source())) {
            return;
          }
          String orderId = orderKey.encoded();
          String customerId =
              CustomerKey.of(order.value().getMerchantId(), order.value().getCustomerId());
          List<Event<RiskAssessed>> assessed = assessments.getOrDefault(orderKey, List.of());
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
          List<Event<PaymentProcessed>> paid = payments.getOrDefault(orderKey, List.of());
          if (paid.isEmpty() && !unknownPayments.contains(orderKey)) {
            found.add(
                new Discrepancy(
                    DiscrepancyKind.MISSING_PAYMENT_EVENT,
                    orderId,
                    customerId,
                    "assessed at " + assessed.get(0).source() + ", no payment event"));
          } else {
            paymentEvents(orderId, customerId, paid, found);
          }
        });
    orphans(assessments, firstOrders, "RiskAssessed", found);
    orphans(payments, firstOrders, "PaymentProcessed", found);
    return found;
  }

  /**
   * A held order has two payment events, its hold and (after the review) its outcome; any other
   * order has its outcome alone. More than one of either is a duplicate, and a hold after the
   * outcome tells consumers that a decided order waits for a review again.
   */
  private static void paymentEvents(
      String orderId,
      String customerId,
      List<Event<PaymentProcessed>> paid,
      List<Discrepancy> found) {
    List<Event<PaymentProcessed>> holds = paid.stream().filter(OrderFlowCheck::isHold).toList();
    List<Event<PaymentProcessed>> outcomes = paid.stream().filter(event -> !isHold(event)).toList();
    if (holds.size() > 1) {
      found.add(
          new Discrepancy(
              DiscrepancyKind.DUPLICATE_PAYMENT_EVENT,
              orderId,
              customerId,
              holds.size() + " HELD_FOR_REVIEW payment events at " + sources(holds)));
    }
    if (outcomes.size() > 1) {
      found.add(
          new Discrepancy(
              DiscrepancyKind.DUPLICATE_PAYMENT_EVENT,
              orderId,
              customerId,
              outcomes.size()
                  + " outcome payment events "
                  + outcomes.stream().map(event -> event.value().getStatus()).toList()
                  + " at "
                  + sources(outcomes)));
    }
    if (!outcomes.isEmpty()) {
      Event<PaymentProcessed> outcome =
          outcomes.stream().reduce((a, b) -> isLater(a, b) ? b : a).orElseThrow();
      List<Event<PaymentProcessed>> late =
          holds.stream().filter(hold -> isLater(hold, outcome)).toList();
      if (!late.isEmpty()) {
        found.add(
            new Discrepancy(
                DiscrepancyKind.PAYMENT_HELD_AFTER_OUTCOME,
                orderId,
                customerId,
                "HELD_FOR_REVIEW at "
                    + sources(late)
                    + " after "
                    + outcome.value().getStatus()
                    + " at "
                    + outcome.source()));
      }
    }
  }

  private static boolean isHold(Event<PaymentProcessed> event) {
    return event.value().getStatus() == PaymentStatus.HELD_FOR_REVIEW;
  }

  /**
   * Whether {@code event} was published after {@code other}. One order's events share a partition,
   * whose offsets are their order; the timestamps only decide across partitions (a repartitioned
   * topic).
   */
  private static boolean isLater(Event<?> event, Event<?> other) {
    RecordCoordinates at = event.source();
    RecordCoordinates otherAt = other.source();
    if (at.topic().equals(otherAt.topic()) && at.partition() == otherAt.partition()) {
      return at.offset() > otherAt.offset();
    }
    return event.timestamp().isAfter(other.timestamp());
  }

  private static <V> void orphans(
      Map<OrderKey, List<Event<V>>> results,
      Map<OrderKey, Event<OrderPlaced>> orders,
      String type,
      List<Discrepancy> found) {
    results.forEach(
        (orderId, list) -> {
          if (!orders.containsKey(orderId)) {
            found.add(
                new Discrepancy(
                    DiscrepancyKind.EVENT_WITHOUT_ORDER,
                    orderId.encoded(),
                    null,
                    type + " at " + sources(list) + " for an order never placed"));
          }
        });
  }

  /** The events by their order (merchantId, orderId), in their order. */
  static <V> Map<OrderKey, List<Event<V>>> byKey(List<Event<V>> events) {
    Map<OrderKey, List<Event<V>>> grouped = new LinkedHashMap<>();
    events.forEach(
        event -> grouped.computeIfAbsent(event.orderKey(), k -> new ArrayList<>()).add(event));
    return grouped;
  }

  private static <V> String sources(List<Event<V>> events) {
    return events.stream().map(event -> event.source().toString()).toList().toString();
  }
}
