package io.payrail.audit.loyalty;

import io.payrail.events.LoyaltyTier;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.events.RefundProcessed;
import io.payrail.events.RefundStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recomputes a customer's loyalty balance from their payments and refunds by loyalty-streams' rules
 * (its README): captures earn {@code floor(amount / minor-per-major) × points-per-unit ×
 * tier-multiplier / 100} at the tier before the capture; a completed refund takes back the order's
 * earned points in proportion to the refunded share (a refund of an unknown capture: the base
 * points of its amount), never below zero; a repeated paymentId or refundId counts once; the tier
 * comes from the net spend per currency converted at fixed rates.
 *
 * <p>Events are applied in event-time order ({@code processedAt}). loyalty-streams applies them in
 * the order they reach its repartition topic, which may differ; only the tier multiplier of a
 * capture depends on that, so alongside the event-time result this gives the range every
 * application order stays within (every capture at the lowest tier, or at the highest the
 * customer's captures can reach).
 */
public final class LoyaltyRecomputation {

  private static final long PERCENT = 100;
  private static final long MICROS = 1_000_000;
  private static final int DECIMAL = 10;

  private final LoyaltyRules rules;

  public LoyaltyRecomputation(LoyaltyRules rules) {
    this.rules = rules;
  }

  /** The balance of {@code customerId} after all their {@code payments} and {@code refunds}. */
  public ExpectedBalance recompute(
      String customerId, List<PaymentProcessed> payments, List<RefundProcessed> refunds) {
    List<Change> changes = new ArrayList<>();
    payments.stream()
        .filter(payment -> payment.getStatus() == PaymentStatus.CAPTURED)
        .filter(payment -> isMoney(payment.getCurrency()) && payment.getAmountMinor() >= 0)
        .forEach(payment -> changes.add(new Change(payment.getProcessedAt(), payment, null)));
    refunds.stream()
        .filter(refund -> refund.getStatus() == RefundStatus.COMPLETED)
        .filter(refund -> isMoney(refund.getCurrency()) && refund.getAmountMinor() >= 0)
        .forEach(refund -> changes.add(new Change(refund.getProcessedAt(), null, refund)));
    // Stable: events of one topic keep their log order at equal times; captures before refunds.
    changes.sort(
        Comparator.comparing(Change::at).thenComparing(change -> change.payment() == null));

    long lowMultiplier = multiplier(tierFor(0));
    long highMultiplier = multiplier(tierFor(capturedTierSpend(changes)));
    Tally exact = new Tally(null);
    Tally low = new Tally(lowMultiplier);
    Tally high = new Tally(highMultiplier);
    String lastOrderId = null;
    for (Change change : changes) {
      boolean applied = exact.apply(change);
      low.apply(change);
      high.apply(change);
      if (applied) {
        lastOrderId = change.orderId();
      }
    }
    Map<String, Long> spend = new HashMap<>(exact.spend);
    spend.values().removeIf(amount -> amount == 0);
    long tierSpend = tierSpend(exact.spend);
    return new ExpectedBalance(
        customerId,
        exact.points,
        Math.min(low.points, exact.points),
        Math.max(high.points, exact.points),
        tierFor(tierSpend),
        spend,
        tierSpend,
        lastOrderId);
  }

  /** The tier spend if every capture came before every refund: the highest reachable. */
  private long capturedTierSpend(List<Change> changes) {
    Map<String, Long> captured = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (Change change : changes) {
      if (change.payment() != null && seen.add(change.payment().getPaymentId())) {
        captured.merge(
            change.payment().getCurrency(), change.payment().getAmountMinor(), Long::sum);
      }
    }
    return tierSpend(captured);
  }

  private record Change(Instant at, PaymentProcessed payment, RefundProcessed refund) {
    String orderId() {
      return payment != null ? payment.getOrderId() : refund.getOrderId();
    }
  }

  /** One order's part in the balance. */
  private static final class OrderTally {
    final String currency;
    long captured;
    long earned;
    long refunded;
    long owedBack;
    final Set<String> paymentIds = new HashSet<>();
    final Set<String> refundIds = new HashSet<>();

    OrderTally(String currency) {
      this.currency = currency;
    }
  }

  /** A balance being rebuilt; with a fixed multiplier for the bounds, else the tier's. */
  private final class Tally {
    private final Long fixedMultiplier;
    private final Map<String, OrderTally> orders = new HashMap<>();
    private final Map<String, Long> spend = new HashMap<>();
    private long points;

    Tally(Long fixedMultiplier) {
      this.fixedMultiplier = fixedMultiplier;
    }

    /** Applies a change; false when it changes nothing (a repeat, or what loyalty dead-letters). */
    boolean apply(Change change) {
      String currency =
          change.payment() != null ? change.payment().getCurrency() : change.refund().getCurrency();
      OrderTally order = orders.computeIfAbsent(change.orderId(), id -> new OrderTally(currency));
      if (!order.currency.equals(currency)) {
        return false;
      }
      return change.payment() != null
          ? capture(order, change.payment())
          : refund(order, change.refund());
    }

    private boolean capture(OrderTally order, PaymentProcessed payment) {
      if (!order.paymentIds.add(payment.getPaymentId())) {
        return false;
      }
      long amount = payment.getAmountMinor();
      long multiplier =
          fixedMultiplier != null ? fixedMultiplier : multiplier(tierFor(tierSpend(spend)));
      long earned = basePoints(amount, payment.getCurrency()) * multiplier / PERCENT;
      order.captured += amount;
      order.earned += earned;
      points += earned;
      spend.merge(payment.getCurrency(), amount, Long::sum);
      return true;
    }

    private boolean refund(OrderTally order, RefundProcessed refund) {
      if (!order.refundIds.add(refund.getRefundId())) {
        return false;
      }
      long amount = refund.getAmountMinor();
      long refundedAfter;
      long owedBackAfter;
      long spendBack;
      if (order.captured > 0 || !order.paymentIds.isEmpty()) {
        refundedAfter = Math.min(order.captured, order.refunded + amount);
        owedBackAfter =
            order.captured == 0 ? order.earned : order.earned * refundedAfter / order.captured;
        spendBack = refundedAfter - order.refunded;
      } else {
        refundedAfter = order.refunded + amount;
        owedBackAfter = order.owedBack + basePoints(amount, refund.getCurrency());
        spendBack = amount;
      }
      long due = owedBackAfter - order.owedBack;
      points -= Math.min(due, points);
      order.refunded = refundedAfter;
      order.owedBack = owedBackAfter;
      String currency = refund.getCurrency();
      spend.put(currency, Math.max(0, spend.getOrDefault(currency, 0L) - spendBack));
      return true;
    }
  }

  long basePoints(long amountMinor, String currency) {
    return amountMinor / perMajorUnit(currency) * rules.pointsPerMajorUnit();
  }

  long tierSpend(Map<String, Long> spendMinor) {
    long total = 0;
    for (Map.Entry<String, Long> spend : spendMinor.entrySet()) {
      total += toReferenceMinor(spend.getValue(), spend.getKey());
    }
    return total;
  }

  LoyaltyTier tierFor(long tierSpendMinor) {
    LoyaltyTier reached = LoyaltyTier.BRONZE;
    for (LoyaltyTier tier : LoyaltyTier.values()) {
      Long threshold = rules.tierThresholdsMinor().get(tier);
      if (threshold != null && tierSpendMinor >= threshold) {
        reached = tier;
      }
    }
    return reached;
  }

  private long multiplier(LoyaltyTier tier) {
    return rules.tierMultipliersPercent().get(tier);
  }

  private long toReferenceMinor(long amountMinor, String currency) {
    if (currency.equals(rules.referenceCurrency())) {
      return amountMinor;
    }
    Long rateMicros = rules.referenceRateMicros().get(currency);
    if (rateMicros == null) {
      return 0;
    }
    long sourceUnit = perMajorUnit(currency);
    long referenceUnit = perMajorUnit(rules.referenceCurrency());
    long whole = amountMinor / sourceUnit;
    long remainder = amountMinor % sourceUnit;
    return whole * rateMicros * referenceUnit / MICROS
        + remainder * rateMicros * referenceUnit / (MICROS * sourceUnit);
  }

  private static long perMajorUnit(String currency) {
    long factor = 1;
    for (int i = 0; i < Currency.getInstance(currency).getDefaultFractionDigits(); i++) {
      factor *= DECIMAL;
    }
    return factor;
  }

  private static boolean isMoney(String currency) {
    try {
      return Currency.getInstance(currency).getDefaultFractionDigits() >= 0;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
