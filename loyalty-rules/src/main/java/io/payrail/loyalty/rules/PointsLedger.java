package io.payrail.loyalty.rules;

import io.payrail.events.LoyaltySource;
import io.payrail.events.LoyaltyTier;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.RefundProcessed;
import io.payrail.schemas.contract.ContractRules;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Applies one payment or refund to a customer's balance and to its order's record. A pure function
 * of its inputs: the processor stores what it returns only when it returns, so a failure leaves no
 * half-applied state behind.
 *
 * <p>A capture and its refunds give the same balance in whichever order they arrive. A refund can
 * reach loyalty before its capture: the refund processor checks the capture in the payment ledger,
 * not on Kafka, so a refund may be published while the capture's transaction is still being retried
 * (a broker restart, a crashed payment processor). Such a refund is held on the order's record and
 * changes nothing yet; the capture settles it as if it had come first. A refund whose capture never
 * arrives within order-retention (captured before loyalty started) takes nothing back: that capture
 * earned nothing here.
 *
 * <p>The below-zero rule: a refund never takes the balance below zero. What it cannot take is added
 * to the customer's {@code pointsShortfall} and is not collected from later earnings. With points
 * only ever earned on captures and taken back in proportion, a balance holds what its orders owe
 * back; the rule guards balances written by an earlier release's rules.
 */
public final class PointsLedger {

  /** The result of applying one event. */
  public sealed interface Result {}

  /** The event was applied already (same paymentId or refundId on the order): nothing changes. */
  public record Duplicate() implements Result {}

  /**
   * The event changed the balance.
   *
   * @param customer the new balance
   * @param order the order's new record; null for a registration
   * @param tierBefore the customer's tier before the event
   * @param shortfall points the refund could not take back (below-zero rule), else 0
   */
  public record Applied(
      CustomerLoyalty customer, OrderLoyalty order, LoyaltyTier tierBefore, long shortfall)
      implements Result {}

  private final LoyaltyProgram program;

  public PointsLedger(LoyaltyProgram program) {
    this.program = program;
  }

  /**
   * @param customer the customer's balance, null for a new customer
   * @param order the order's record, null when the order was not seen (within retention) and for a
   *     registration
   * @param event the payment, refund or registration
   * @param eventTime its event time, epoch millis
   */
  public Result apply(
      CustomerLoyalty customer, OrderLoyalty order, LoyaltyEvent event, long eventTime) {
    if (event instanceof LoyaltyEvent.Registered registered) {
      return open(customer, registered, eventTime);
    }
    CustomerLoyalty before =
        customer == null ? CustomerLoyalty.newCustomer(event.customerId()) : customer;
    if (event instanceof LoyaltyEvent.Captured captured) {
      return capture(before, order, captured.payment(), eventTime);
    }
    return refund(before, order, ((LoyaltyEvent.Refunded) event).refund(), eventTime);
  }

  /**
   * A registration opens a zero balance at the base tier. A customer who has a balance (an earlier
   * registration, or payments before registering) keeps it: the registration is then a repeat.
   */
  private Result open(
      CustomerLoyalty customer, LoyaltyEvent.Registered registered, long eventTime) {
    if (customer != null) {
      return new Duplicate();
    }
    CustomerLoyalty opened = CustomerLoyalty.newCustomer(registered.customerId());
    PointsChange change =
        new PointsChange(
            LoyaltySource.REGISTRATION,
            registered.sourceId(),
            registered.orderId(),
            0,
            ContractRules.NO_CURRENCY,
            0);
    return new Applied(balance(opened, 0, 0, Map.of(), change, eventTime), null, opened.tier(), 0);
  }

  private Result capture(
      CustomerLoyalty before, OrderLoyalty order, PaymentProcessed payment, long eventTime) {
    String currency = payment.getCurrency();
    OrderLoyalty known =
        order == null ? OrderLoyalty.firstSeen(payment.getOrderId(), currency, eventTime) : order;
    if (known.paymentIds().contains(payment.getPaymentId())) {
      return new Duplicate();
    }
    requireSameCurrency(known, currency, "payment " + payment.getPaymentId());
    long amount = payment.getAmountMinor();
    long points = program.pointsEarned(amount, currency, before.tier());
    long capturedAfter = Math.addExact(known.capturedMinor(), amount);
    long earnedAfter = Math.addExact(known.pointsEarned(), points);
    long refundedAfter = known.refundedMinor();
    long owedBackAfter = known.pointsOwedBack();
    long spendBack = 0;
    if (!known.hasCapture() && known.refundedMinor() > 0) {
      // Refunds that came first were held: settle them now, as if they had come after this capture.
      refundedAfter = Math.min(capturedAfter, known.refundedMinor());
      owedBackAfter = owedBack(earnedAfter, refundedAfter, capturedAfter);
      spendBack = refundedAfter;
    }
    long earned = Math.addExact(before.points(), points);
    long due = owedBackAfter - known.pointsOwedBack();
    long taken = Math.min(due, earned);
    OrderLoyalty after =
        new OrderLoyalty(
            known.orderId(),
            currency,
            known.firstSeenAt(),
            capturedAfter,
            earnedAfter,
            refundedAfter,
            owedBackAfter,
            plus(known.paymentIds(), payment.getPaymentId()),
            known.refundIds());
    Map<String, Long> spend = new HashMap<>(before.lifetimeSpendMinor());
    spend.merge(currency, amount - spendBack, Math::addExact);
    PointsChange change =
        new PointsChange(
            LoyaltySource.PAYMENT,
            payment.getPaymentId(),
            payment.getOrderId(),
            amount,
            currency,
            points - taken);
    return new Applied(
        balance(before, earned - taken, due - taken, spend, change, eventTime),
        after,
        before.tier(),
        due - taken);
  }

  private Result refund(
      CustomerLoyalty before, OrderLoyalty order, RefundProcessed refund, long eventTime) {
    String currency = refund.getCurrency();
    OrderLoyalty known =
        order == null ? OrderLoyalty.firstSeen(refund.getOrderId(), currency, eventTime) : order;
    if (known.refundIds().contains(refund.getRefundId())) {
      return new Duplicate();
    }
    requireSameCurrency(known, currency, "refund " + refund.getRefundId());
    long amount = refund.getAmountMinor();
    long refundedBefore = known.refundedMinor();
    if (!known.hasCapture()) {
      // The capture has not arrived (yet): hold the refund on the order; its capture settles it.
      OrderLoyalty held =
          new OrderLoyalty(
              known.orderId(),
              known.currency(),
              known.firstSeenAt(),
              0,
              0,
              Math.addExact(refundedBefore, amount),
              0,
              known.paymentIds(),
              plus(known.refundIds(), refund.getRefundId()));
      PointsChange change =
          new PointsChange(
              LoyaltySource.REFUND, refund.getRefundId(), refund.getOrderId(), amount, currency, 0);
      return new Applied(
          balance(before, before.points(), 0, before.lifetimeSpendMinor(), change, eventTime),
          held,
          before.tier(),
          0);
    }
    // Proportional on the order's running totals, so partial refunds adding up to the capture
    // take back exactly the points it earned, whatever the rounding of each part.
    long refundedAfter = Math.min(known.capturedMinor(), Math.addExact(refundedBefore, amount));
    long owedBackAfter = owedBack(known.pointsEarned(), refundedAfter, known.capturedMinor());
    long spendBack = refundedAfter - refundedBefore;
    long due = owedBackAfter - known.pointsOwedBack();
    long taken = Math.min(due, before.points());
    long shortfall = due - taken;
    OrderLoyalty after =
        new OrderLoyalty(
            known.orderId(),
            known.currency(),
            known.firstSeenAt(),
            known.capturedMinor(),
            known.pointsEarned(),
            refundedAfter,
            owedBackAfter,
            known.paymentIds(),
            plus(known.refundIds(), refund.getRefundId()));
    Map<String, Long> spend = new HashMap<>(before.lifetimeSpendMinor());
    // Net spend never goes below zero in a currency, whatever an earlier release stored.
    long spendAfter = Math.max(0, spend.getOrDefault(currency, 0L) - spendBack);
    spend.put(currency, spendAfter);
    PointsChange change =
        new PointsChange(
            LoyaltySource.REFUND,
            refund.getRefundId(),
            refund.getOrderId(),
            amount,
            currency,
            -taken);
    return new Applied(
        balance(before, before.points() - taken, shortfall, spend, change, eventTime),
        after,
        before.tier(),
        shortfall);
  }

  /** The points a refunded share of an order accounts for: earned × refunded ÷ captured. */
  private static long owedBack(long pointsEarned, long refundedMinor, long capturedMinor) {
    return capturedMinor == 0
        ? pointsEarned
        : Math.multiplyExact(pointsEarned, refundedMinor) / capturedMinor;
  }

  private CustomerLoyalty balance(
      CustomerLoyalty before,
      long points,
      long addedShortfall,
      Map<String, Long> spend,
      PointsChange change,
      long eventTime) {
    long tierSpend = program.tierSpendMinor(spend);
    return new CustomerLoyalty(
        before.customerId(),
        points,
        Math.addExact(before.pointsShortfall(), addedShortfall),
        program.tierFor(tierSpend),
        spend,
        tierSpend,
        change,
        Instant.ofEpochMilli(eventTime));
  }

  private static void requireSameCurrency(OrderLoyalty order, String currency, String what) {
    if (!order.currency().equals(currency)) {
      throw new IllegalArgumentException(
          what
              + " on order "
              + order.orderId()
              + " is in "
              + currency
              + " but the order is in "
              + order.currency());
    }
  }

  private static Set<String> plus(Set<String> ids, String id) {
    Set<String> more = new HashSet<>(ids);
    more.add(id);
    return more;
  }
}
