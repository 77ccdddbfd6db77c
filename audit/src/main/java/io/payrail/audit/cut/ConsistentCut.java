package io.payrail.audit.cut;

import io.payrail.audit.kafka.Event;
import io.payrail.audit.kafka.ResultTopics;
import io.payrail.audit.ledger.LedgerRows;
import io.payrail.audit.ledger.PaymentRow;
import io.payrail.audit.ledger.PointsReservationRow;
import io.payrail.audit.ledger.RefundRow;
import io.payrail.events.OrderPlaced;
import io.payrail.schemas.keys.CustomerKey;
import io.payrail.schemas.keys.OrderKey;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What a running pipeline has settled by a watermark: the audit compares only that and counts the
 * rest as in flight. Topics and ledger are read one after the other and the ledger has only its
 * current state, so the unit left in or out is a whole order (merchantId, orderId), never a single
 * record or row; the unit of balances is a customer (merchantId, customerId).
 *
 * <p>An order is in flight when its first {@code OrderPlaced}, or any of its result records
 * (assessment, answer to its points, payment, refund) or ledger rows (payment, refund, by {@code
 * updated_at}; recorded answer, by {@code recorded_at}), is at or after the watermark; everything
 * else of it is compared. Services write the ledger before they publish, so a row committed just
 * before the topics were read whose event came just after has an {@code updated_at} after the
 * watermark too (the watermark is before the read) and leaves its order out rather than showing as
 * a row without event. An order placed before the watermark that has not flowed has no later trace
 * and is compared: its missing assessment or payment is reported. A charge or an acquirer refund
 * always follows a ledger row of its order, which decides for it.
 *
 * <p>A customer's loyalty balance is compared only when none of their payment, refund, points
 * answer or balance records is at or after the watermark: loyalty-streams then had the whole settle
 * time to apply every event the audit recomputes from. A record that does not decode is judged only
 * before the watermark, when its service had the time to dead-letter it.
 *
 * @param watermark the cut: the audit's start minus the settle time
 */
public record ConsistentCut(Instant watermark) {

  /** What the checks compare, and how much was left out as in flight. */
  public record Settled(
      ResultTopics events, LedgerRows ledger, int ordersInFlight, int customersInFlight) {}

  /** The settled part of what the audit read. */
  public Settled apply(ResultTopics events, LedgerRows ledger) {
    Set<OrderKey> ordersInFlight = ordersInFlight(events, ledger);
    Set<CustomerKey> customersInFlight = new HashSet<>();
    events.payingCustomersPayments().stream()
        .filter(this::isAfter)
        .forEach(
            event ->
                customersInFlight.add(
                    new CustomerKey(event.value().getMerchantId(), event.value().getCustomerId())));
    events.payingCustomersRefunds().stream()
        .filter(this::isAfter)
        .forEach(
            event ->
                customersInFlight.add(
                    new CustomerKey(event.value().getMerchantId(), event.value().getCustomerId())));
    // An answer to an order's points moves the customer's balance (reserved) as a payment does.
    events.payingCustomersReservations().stream()
        .filter(this::isAfter)
        .forEach(
            event ->
                customersInFlight.add(
                    new CustomerKey(event.value().getMerchantId(), event.value().getCustomerId())));
    events
        .latestBalances()
        .forEach(
            (customer, balance) -> {
              if (isAfter(balance)) {
                customersInFlight.add(customer);
              }
            });

    Predicate<OrderKey> settledOrder = order -> !ordersInFlight.contains(order);
    Predicate<CustomerKey> settledCustomer = customer -> !customersInFlight.contains(customer);
    ResultTopics settledEvents =
        new ResultTopics(
            byKey(events.orders(), settledOrder),
            byKey(events.assessments(), settledOrder),
            byKey(events.payments(), settledOrder),
            byKey(events.refunds(), settledOrder),
            events.payingCustomersPayments().stream()
                .filter(
                    event ->
                        settledCustomer.test(
                            new CustomerKey(
                                event.value().getMerchantId(), event.value().getCustomerId())))
                .toList(),
            events.payingCustomersRefunds().stream()
                .filter(
                    event ->
                        settledCustomer.test(
                            new CustomerKey(
                                event.value().getMerchantId(), event.value().getCustomerId())))
                .toList(),
            events.latestBalances().entrySet().stream()
                .filter(entry -> settledCustomer.test(entry.getKey()))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue)),
            events.unreadable().stream()
                .filter(record -> record.timestamp().isBefore(watermark))
                .toList(),
            events.deadLettered(),
            byKey(events.reservations(), settledOrder),
            events.payingCustomersReservations().stream()
                .filter(
                    event ->
                        settledCustomer.test(
                            new CustomerKey(
                                event.value().getMerchantId(), event.value().getCustomerId())))
                .toList(),
            events.balanceHistory().entrySet().stream()
                .filter(entry -> settledCustomer.test(entry.getKey()))
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue)),
            events.pointsTopic(),
            events.misKeyed().stream()
                .filter(record -> record.timestamp().isBefore(watermark))
                .toList());
    LedgerRows settledLedger =
        new LedgerRows(
            ledger.payments().stream().filter(row -> settledOrder.test(row.orderKey())).toList(),
            ledger.charges().stream().filter(row -> settledOrder.test(row.orderKey())).toList(),
            ledger.refunds().stream().filter(row -> settledOrder.test(row.orderKey())).toList(),
            // An acquirer refund without a refunds row has no known merchant: it is compared (an
            // acquirer refund always follows its row, which decides for it when there is one).
            ledger.acquirerRefunds().stream()
                .filter(
                    row ->
                        row.merchantId() == null
                            || settledOrder.test(new OrderKey(row.merchantId(), row.orderId())))
                .toList(),
            ledger.reviewHistory().stream()
                .filter(change -> settledOrder.test(change.orderKey()))
                .toList(),
            // Kept whole: a counter and its redemptions change in one transaction, so the
            // snapshot's agree whatever is in flight.
            ledger.couponCounters(),
            ledger.couponTables(),
            ledger.pointsReservations().stream()
                .filter(row -> settledOrder.test(row.orderKey()))
                .toList(),
            ledger.pointsTable());
    return new Settled(
        settledEvents, settledLedger, ordersInFlight.size(), customersInFlight.size());
  }

  private Set<OrderKey> ordersInFlight(ResultTopics events, LedgerRows ledger) {
    Set<OrderKey> inFlight = new HashSet<>();
    Set<OrderKey> placed = new HashSet<>();
    // One key lives in one partition, read in offset order: the first placement is the order's.
    for (Event<OrderPlaced> order : events.orders()) {
      if (placed.add(order.orderKey()) && isAfter(order)) {
        inFlight.add(order.orderKey());
      }
    }
    events.assessments().stream().filter(this::isAfter).forEach(e -> inFlight.add(e.orderKey()));
    events.payments().stream().filter(this::isAfter).forEach(e -> inFlight.add(e.orderKey()));
    events.refunds().stream().filter(this::isAfter).forEach(e -> inFlight.add(e.orderKey()));
    events.reservations().stream().filter(this::isAfter).forEach(e -> inFlight.add(e.orderKey()));
    for (PaymentRow row : ledger.payments()) {
      if (!row.updatedAt().isBefore(watermark)) {
        inFlight.add(row.orderKey());
      }
    }
    for (RefundRow row : ledger.refunds()) {
      if (!row.updatedAt().isBefore(watermark)) {
        inFlight.add(row.orderKey());
      }
    }
    // Recorded after its answer was published, possibly after the topics were read.
    for (PointsReservationRow row : ledger.pointsReservations()) {
      if (row.recordedAt() != null && !row.recordedAt().isBefore(watermark)) {
        inFlight.add(row.orderKey());
      }
    }
    return inFlight;
  }

  private boolean isAfter(Event<?> event) {
    return !event.timestamp().isBefore(watermark);
  }

  private static <V> List<Event<V>> byKey(List<Event<V>> events, Predicate<OrderKey> keep) {
    return events.stream().filter(event -> keep.test(event.orderKey())).toList();
  }
}
