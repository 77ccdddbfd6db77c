package io.payrail.audit.points;

import io.payrail.audit.Discrepancy;
import io.payrail.audit.DiscrepancyKind;
import io.payrail.audit.kafka.Event;
import io.payrail.audit.kafka.ResultTopics;
import io.payrail.audit.ledger.LedgerRows;
import io.payrail.audit.reconcile.Reconciliation;
import io.payrail.events.LoyaltyBalance;
import io.payrail.events.LoyaltySource;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.events.PointsReservation;
import io.payrail.schemas.keys.CustomerKey;
import io.payrail.schemas.keys.OrderKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reserved points have one outcome and the balances add up, judged from {@code
 * points-reservations}, {@code payments} and every {@code LoyaltyBalance} record of the customers
 * whose balances the cut left in (loyalty-streams had the settle time to apply their events):
 *
 * <ul>
 *   <li>an order whose first answer is RESERVED has, once its payment is final, exactly one
 *       outcome: spent by a CAPTURED payment (no RELEASE for it), or given back for any other final
 *       status (one {@code LoyaltyBalance} with source RELEASE for the order).
 *       POINTS_RELEASED_BUT_CAPTURED, POINTS_RELEASED_MORE_THAN_ONCE, POINTS_NOT_RELEASED; a
 *       RELEASE for an order without a reservation, or whose payment is not final yet, is
 *       POINTS_RELEASED_WITHOUT_FINAL_PAYMENT. The topic is compacted: a RELEASE may be gone since,
 *       so a missing one is reported only while the customer's records still chain (each record's
 *       points are the previous ones plus its pointsDelta, from zero), i.e. none was compacted
 *       away;
 *   <li>no balance record has negative points or reservedPoints (LOYALTY_BALANCE_NEGATIVE);
 *   <li>a customer's latest reservedPoints equal the points of their RESERVED orders (of every
 *       order of theirs, also outside an orderId prefix) whose payment is not final yet
 *       (RESERVED_POINTS_MISMATCH).
 * </ul>
 */
public final class PointsBalanceCheck implements Reconciliation {

  @Override
  public List<Discrepancy> check(ResultTopics events, LedgerRows ledger) {
    List<Discrepancy> found = new ArrayList<>();
    negatives(events, found);
    if (events.pointsTopic()) {
      outcomes(events, found);
      reservedPoints(events, found);
    }
    return found;
  }

  private static void negatives(ResultTopics events, List<Discrepancy> found) {
    sortedByKey(events.balanceHistory())
        .forEach(
            (customer, history) -> {
              for (Event<LoyaltyBalance> record : history) {
                LoyaltyBalance balance = record.value();
                if (balance.getPoints() < 0 || balance.getReservedPoints() < 0) {
                  found.add(
                      new Discrepancy(
                          DiscrepancyKind.LOYALTY_BALANCE_NEGATIVE,
                          orderOf(customer, balance),
                          customer.encoded(),
                          "balance at "
                              + record.source()
                              + " ("
                              + sourceOf(balance)
                              + "): points "
                              + balance.getPoints()
                              + ", reservedPoints "
                              + balance.getReservedPoints()));
                }
              }
            });
  }

  private static void outcomes(ResultTopics events, List<Discrepancy> found) {
    Map<OrderKey, Event<PointsReservation>> answers =
        Redemptions.loyaltyAnswers(events.reservations());
    Map<OrderKey, Event<PaymentProcessed>> outcomes = Redemptions.outcomes(events.payments());
    Map<OrderKey, List<Event<LoyaltyBalance>>> releases = new HashMap<>();
    Map<CustomerKey, Boolean> complete = new HashMap<>();
    events
        .balanceHistory()
        .forEach(
            (customer, history) -> {
              complete.put(customer, chains(history));
              // A customer's balance changes only for their merchant's orders.
              history.stream()
                  .filter(record -> sourceOf(record.value()) == LoyaltySource.RELEASE)
                  .forEach(
                      record ->
                          releases
                              .computeIfAbsent(
                                  new OrderKey(
                                      customer.merchantId(),
                                      record.value().getLastChange().getOrderId()),
                                  k -> new ArrayList<>())
                              .add(record));
            });

    Map<OrderKey, OrderPlaced> orders = new LinkedHashMap<>();
    events.orders().forEach(order -> orders.putIfAbsent(order.orderKey(), order.value()));
    orders.forEach(
        (order, placed) -> {
          CustomerKey customer = new CustomerKey(placed.getMerchantId(), placed.getCustomerId());
          if (!events.balanceHistory().containsKey(customer)) {
            return; // In flight (or never had a balance): nothing to judge the outcome on.
          }
          String orderId = order.encoded();
          String customerId = customer.encoded();
          Event<PointsReservation> answer = answers.get(order);
          Event<PaymentProcessed> outcome = outcomes.get(order);
          List<Event<LoyaltyBalance>> released = releases.getOrDefault(order, List.of());
          String where = released.stream().map(r -> r.source().toString()).toList().toString();
          if (!Redemptions.reserved(answer) || outcome == null) {
            if (!released.isEmpty()) {
              found.add(
                  new Discrepancy(
                      DiscrepancyKind.POINTS_RELEASED_WITHOUT_FINAL_PAYMENT,
                      orderId,
                      customerId,
                      "RELEASE at "
                          + where
                          + (Redemptions.reserved(answer)
                              ? " while the payment is not final"
                              : answer == null
                                  ? " without an answer on points-reservations"
                                  : " after a REFUSED answer at " + answer.source())));
            }
            return;
          }
          long points = answer.value().getPoints();
          PaymentStatus status = outcome.value().getStatus();
          if (status == PaymentStatus.CAPTURED) {
            if (!released.isEmpty()) {
              found.add(
                  new Discrepancy(
                      DiscrepancyKind.POINTS_RELEASED_BUT_CAPTURED,
                      orderId,
                      customerId,
                      points
                          + " points reserved at "
                          + answer.source()
                          + ", CAPTURED at "
                          + outcome.source()
                          + " (spent), yet RELEASE at "
                          + where));
            }
          } else if (released.size() > 1) {
            found.add(
                new Discrepancy(
                    DiscrepancyKind.POINTS_RELEASED_MORE_THAN_ONCE,
                    orderId,
                    customerId,
                    points + " points reserved, " + status + ", RELEASE at " + where));
          } else if (released.isEmpty() && complete.getOrDefault(customer, false)) {
            found.add(
                new Discrepancy(
                    DiscrepancyKind.POINTS_NOT_RELEASED,
                    orderId,
                    customerId,
                    points
                        + " points reserved at "
                        + answer.source()
                        + ", payment "
                        + status
                        + " at "
                        + outcome.source()
                        + ", no RELEASE for the order on loyalty-balances"));
          }
        });
  }

  private static void reservedPoints(ResultTopics events, List<Discrepancy> found) {
    Map<OrderKey, Event<PointsReservation>> answers =
        Redemptions.loyaltyAnswers(events.payingCustomersReservations());
    Map<OrderKey, Event<PaymentProcessed>> outcomes =
        Redemptions.outcomes(events.payingCustomersPayments());
    Map<CustomerKey, Long> open = new HashMap<>();
    Map<CustomerKey, List<String>> openOrders = new HashMap<>();
    answers.forEach(
        (order, answer) -> {
          if (Redemptions.reserved(answer) && !outcomes.containsKey(order)) {
            CustomerKey customer =
                new CustomerKey(answer.value().getMerchantId(), answer.value().getCustomerId());
            open.merge(customer, answer.value().getPoints(), Math::addExact);
            openOrders.computeIfAbsent(customer, k -> new ArrayList<>()).add(order.orderId());
          }
        });
    sortedByKey(events.latestBalances())
        .forEach(
            (customer, latest) -> {
              long expected = open.getOrDefault(customer, 0L);
              long actual = latest.value().getReservedPoints();
              if (actual != expected) {
                found.add(
                    new Discrepancy(
                        DiscrepancyKind.RESERVED_POINTS_MISMATCH,
                        orderOf(customer, latest.value()),
                        customer.encoded(),
                        "balance at "
                            + latest.source()
                            + ": reservedPoints "
                            + actual
                            + " != "
                            + expected
                            + " of the reservations still open "
                            + openOrders.getOrDefault(customer, List.of())));
              }
            });
  }

  /**
   * Whether the records are the customer's whole history: from zero, each one's points are the
   * previous ones plus its pointsDelta. A record compaction removed breaks the chain (a RELEASE or
   * RESERVATION moves at least one point).
   */
  static boolean chains(List<Event<LoyaltyBalance>> history) {
    long points = 0;
    for (Event<LoyaltyBalance> record : history) {
      LoyaltyBalance balance = record.value();
      long delta = balance.getLastChange() == null ? 0 : balance.getLastChange().getPointsDelta();
      if (balance.getPoints() != points + delta) {
        return false;
      }
      points = balance.getPoints();
    }
    return true;
  }

  private static LoyaltySource sourceOf(LoyaltyBalance balance) {
    return balance.getLastChange() == null ? null : balance.getLastChange().getSource();
  }

  /** The order of the balance's last change, {@code merchantId/orderId}; null when none. */
  private static String orderOf(CustomerKey customer, LoyaltyBalance balance) {
    return balance.getLastChange() == null || balance.getLastChange().getOrderId().isEmpty()
        ? null
        : OrderKey.of(customer.merchantId(), balance.getLastChange().getOrderId());
  }

  /** In the order of their keys, so that the report's order does not depend on hashing. */
  static <V> Map<CustomerKey, V> sortedByKey(Map<CustomerKey, V> byCustomer) {
    Map<CustomerKey, V> sorted = new TreeMap<>(Comparator.comparing(CustomerKey::encoded));
    sorted.putAll(byCustomer);
    return sorted;
  }
}
