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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Each customer's latest balance on {@code loyalty-balances} equals a recomputation from their
 * CAPTURED payment events and COMPLETED refund events, and the points their orders reserved, spent
 * or got back: available points, tier, net spend per currency and tier spend (reserved points are
 * {@link io.payrail.audit.points.PointsBalanceCheck}'s). Points that depend on the order
 * loyalty-streams applied a customer's events in (a tier crossed on the way) are checked against
 * the range of every possible order instead.
 */
public final class LoyaltyCheck implements Reconciliation {

  private final LoyaltyRecomputation recomputation;

  public LoyaltyCheck(LoyaltyProgramRules rules) {
    this.recomputation = new LoyaltyRecomputation(rules);
  }

  @Override
  public List<Discrepancy> check(ResultTopics events, LedgerRows ledger) {
    Map<String, List<PaymentProcessed>> payments = new HashMap<>();
    for (Event<PaymentProcessed> event : events.payingCustomersPayments()) {
      payments
          .computeIfAbsent(event.value().getCustomerId(), k -> new ArrayList<>())
          .add(event.value());
    }
    Map<String, List<RefundProcessed>> refunds = new HashMap<>();
    for (Event<RefundProcessed> event : events.payingCustomersRefunds()) {
      refunds
          .computeIfAbsent(event.value().getCustomerId(), k -> new ArrayList<>())
          .add(event.value());
    }
    Map<String, List<PointsReservation>> answers = new HashMap<>();
    Redemptions.loyaltyAnswers(events.payingCustomersReservations())
        .values()
        .forEach(
            answer ->
                answers
                    .computeIfAbsent(answer.value().getCustomerId(), k -> new ArrayList<>())
                    .add(answer.value()));
    TreeSet<String> customers = new TreeSet<>(payments.keySet());
    customers.addAll(refunds.keySet());
    customers.addAll(events.latestBalances().keySet());

    List<Discrepancy> found = new ArrayList<>();
    for (String customerId : customers) {
      List<PaymentProcessed> paid = payments.getOrDefault(customerId, List.of());
      ExpectedBalance expected =
          recomputation.recompute(
              customerId,
              paid,
              refunds.getOrDefault(customerId, List.of()),
              answers.getOrDefault(customerId, List.of()));
      Event<LoyaltyBalance> latest = events.latestBalances().get(customerId);
      if (latest == null) {
        paid.stream()
            .filter(payment -> payment.getStatus() == PaymentStatus.CAPTURED)
            .reduce((first, second) -> second)
            .ifPresent(
                captured ->
                    found.add(
                        new Discrepancy(
                            DiscrepancyKind.LOYALTY_BALANCE_MISSING,
                            captured.getOrderId(),
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
                actual.getLastChange() == null
                    ? expected.lastOrderId()
                    : actual.getLastChange().getOrderId(),
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
