package io.payrail.audit.loyalty;

import io.payrail.audit.Discrepancy;
import io.payrail.audit.DiscrepancyKind;
import io.payrail.audit.kafka.Event;
import io.payrail.audit.kafka.ResultTopics;
import io.payrail.audit.ledger.LedgerRows;
import io.payrail.audit.points.Redemptions;
import io.payrail.audit.reconcile.Reconciliation;
import io.payrail.events.LoyaltyBalance;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.events.PointsReservation;
import io.payrail.events.RefundProcessed;
import io.payrail.loyalty.rules.LoyaltyProgramRules;
import io.payrail.schemas.keys.CustomerKey;
import io.payrail.schemas.keys.OrderKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Each customer's (merchantId, customerId: two merchants' customer "c-1" are two customers with two
 * balances) latest balance on {@code loyalty-balances} equals a recomputation from their CAPTURED
 * payment events and COMPLETED refund events, and the points their orders reserved, spent or got
 * back: available points, tier, net spend per currency and tier spend (reserved points are {@link
 * io.payrail.audit.points.PointsBalanceCheck}'s). Points that depend on the order loyalty-streams
 * applied a customer's events in (a tier crossed on the way) are checked against the range of every
 * possible order instead.
 */
public final class LoyaltyCheck implements Reconciliation {

  private final LoyaltyRecomputation recomputation;

  public LoyaltyCheck(LoyaltyProgramRules rules) {
    this.recomputation = new LoyaltyRecomputation(rules);
  }

  @Override
  public List<Discrepancy> check(ResultTopics events, LedgerRows ledger) {
    Map<CustomerKey, List<PaymentProcessed>> payments = new HashMap<>();
    for (Event<PaymentProcessed> event : events.payingCustomersPayments()) {
      payments
          .computeIfAbsent(
              new CustomerKey(event.value().getMerchantId(), event.value().getCustomerId()),
              k -> new ArrayList<>())
          .add(event.value());
    }
    Map<CustomerKey, List<RefundProcessed>> refunds = new HashMap<>();
    for (Event<RefundProcessed> event : events.payingCustomersRefunds()) {
      refunds
          .computeIfAbsent(
              new CustomerKey(event.value().getMerchantId(), event.value().getCustomerId()),
              k -> new ArrayList<>())
          .add(event.value());
    }
    Map<CustomerKey, List<PointsReservation>> answers = new HashMap<>();
    Redemptions.loyaltyAnswers(events.payingCustomersReservations())
        .values()
        .forEach(
            answer ->
                answers
                    .computeIfAbsent(
                        new CustomerKey(
                            answer.value().getMerchantId(), answer.value().getCustomerId()),
                        k -> new ArrayList<>())
                    .add(answer.value()));
    TreeSet<CustomerKey> customers = new TreeSet<>(Comparator.comparing(CustomerKey::encoded));
    customers.addAll(payments.keySet());
    customers.addAll(refunds.keySet());
    customers.addAll(events.latestBalances().keySet());

    List<Discrepancy> found = new ArrayList<>();
    for (CustomerKey customer : customers) {
      String customerId = customer.encoded();
      List<PaymentProcessed> paid = payments.getOrDefault(customer, List.of());
      ExpectedBalance expected =
          recomputation.recompute(
              customer,
              paid,
              refunds.getOrDefault(customer, List.of()),
              answers.getOrDefault(customer, List.of()));
      Event<LoyaltyBalance> latest = events.latestBalances().get(customer);
      if (latest == null) {
        paid.stream()
            .filter(payment -> payment.getStatus() == PaymentStatus.CAPTURED)
            .reduce((first, second) -> second)
            .ifPresent(
                captured ->
                    found.add(
                        new Discrepancy(
                            DiscrepancyKind.LOYALTY_BALANCE_MISSING,
                            OrderKey.of(customer.merchantId(), captured.getOrderId()),
                            customerId,
                            "captured payments but no balance; expected " + describe(expected))));
        continue;
      }
      List<String> differences = differences(latest.value(), expected);
      if (!differences.isEmpty()) {
        LoyaltyBalance actual = latest.value();
        found.add(
            new Discrepancy(
                DiscrepancyKind.LOYALTY_BALANCE_MISMATCH,
                orderOf(
                    customer,
                    actual.getLastChange() == null
                        ? expected.lastOrderId()
                        : actual.getLastChange().getOrderId()),
                customerId,
                "balance at "
                    + latest.source()
                    + ": "
                    + String.join(", ", differences)
                    + "; recomputed "
                    + describe(expected)));
      }
    }
    return found;
  }

  /** A customer's order as the report names it; null for none (a registration's empty one). */
  private static String orderOf(CustomerKey customer, String orderId) {
    return orderId == null || orderId.isEmpty()
        ? null
        : OrderKey.of(customer.merchantId(), orderId);
  }

  private static List<String> differences(LoyaltyBalance actual, ExpectedBalance expected) {
    List<String> differences = new ArrayList<>();
    boolean pointsFit =
        expected.orderDependent()
            ? actual.getPoints() >= expected.minPoints()
                && actual.getPoints() <= expected.maxPoints()
            : actual.getPoints() == expected.points();
    if (!pointsFit) {
      differences.add(
          "points "
              + actual.getPoints()
              + (expected.orderDependent()
                  ? " outside " + expected.minPoints() + ".." + expected.maxPoints()
                  : " != " + expected.points()));
    }
    if (actual.getTier() != expected.tier()) {
      differences.add("tier " + actual.getTier() + " != " + expected.tier());
    }
    Map<String, Long> spend = new HashMap<>(actual.getLifetimeSpendMinor());
    spend.values().removeIf(amount -> amount == 0);
    if (!spend.equals(expected.lifetimeSpendMinor())) {
      differences.add("lifetime spend " + spend + " != " + expected.lifetimeSpendMinor());
    }
    if (actual.getTierSpendMinor() != expected.tierSpendMinor()) {
      differences.add(
          "tier spend " + actual.getTierSpendMinor() + " != " + expected.tierSpendMinor());
    }
    return differences;
  }

  private static String describe(ExpectedBalance expected) {
    return (expected.orderDependent()
            ? expected.minPoints() + ".." + expected.maxPoints() + " points"
            : expected.points() + " points")
        + ", "
        + expected.tier()
        + ", spend "
        + expected.lifetimeSpendMinor()
        + ", tier spend "
        + expected.tierSpendMinor();
  }
}
