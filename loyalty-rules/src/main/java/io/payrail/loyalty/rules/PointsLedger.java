package io.payrail.loyalty.rules;

import io.payrail.events.LoyaltySource;
import io.payrail.events.LoyaltyTier;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.RefundProcessed;
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
 * <p>The below-zero rule: a refund never takes the balance below zero. What it cannot take is added
 * to the customer's {@code pointsShortfall} and is not collected from later earnings. With points
 * only ever earned on captures and taken back in proportion, this happens only for a refund whose
 * capture the ledger does not know (captured before loyalty started, or older than
 * order-retention), which takes back the base points of the refunded amount.
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
   * @param order the order's new record
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
   * @param order the order's record, null when the order was not seen (within retention)
   * @param event the payment or refund
   * @param eventTime its event time, epoch millis
   */
  public Result apply(
      CustomerLoyalty customer, OrderLoyalty order, LoyaltyEvent event, long eventTime) {
    CustomerLoyalty before =
        customer == null ? CustomerLoyalty.newCustomer(event.customerId()) : customer;
    if (event instanceof LoyaltyEvent.Captured captured) {
      return capture(before, order, captured.payment(), eventTime);
    }
    return refund(before, order, ((LoyaltyEvent.Refunded) event).refund(), eventTime);
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
    OrderLoyalty after =
        new OrderLoyalty(
            known.orderId(),
            currency,
            known.firstSeenAt(),
            Math.addExact(known.capturedMinor(), amount),
            Math.addExact(known.pointsEarned(), points),
            known.refundedMinor(),
            known.pointsOwedBack(),
            plus(known.paymentIds(), payment.getPaymentId()),
            known.refundIds());
    Map<String, Long> spend = new HashMap<>(before.lifetimeSpendMinor());
    spend.merge(currency, amount, Math::addExact);
    PointsChange change =
        new PointsChange(
            LoyaltySource.PAYMENT,
            payment.getPaymentId(),
            payment.getOrderId(),
            amount,
            currency,
            points);
    return new Applied(
        balance(before, Math.addExact(before.points(), points), 0, spend, change, eventTime),
        after,
        before.tier(),
        0);
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
    long refundedAfter;
    long owedBackAfter;
    long spendBack;
    if (known.hasCapture()) {
      // Proportional on the order's running totals, so partial refunds adding up to the capture
      // take back exactly the points it earned, whatever the rounding of each part.
      refundedAfter = Math.min(known.capturedMinor(), Math.addExact(refundedBefore, amount));
      owedBackAfter =
          known.capturedMinor() == 0
              ? known.pointsEarned()
              : Math.multiplyExact(known.pointsEarned(), refundedAfter) / known.capturedMinor();
      spendBack = refundedAfter - refundedBefore;
    } else {
      // No capture known: take back the base points of the amount, the best estimate there is.
      refundedAfter = Math.addExact(refundedBefore, amount);
      owedBackAfter = Math.addExact(known.pointsOwedBack(), program.basePoints(amount, currency));
      spendBack = amount;
    }
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
    // Net spend never goes below zero in a currency, even for refunds of unknown captures.
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
