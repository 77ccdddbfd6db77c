package io.payrail.loyalty.rules;

import io.payrail.events.LoyaltySource;
import io.payrail.events.LoyaltyTier;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.events.PointsReservationStatus;
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
   * @param answer the reservation answer to publish (RESERVED), or null
   * @param pointsSpent reserved points a capture spent, else 0
   * @param pointsReleased reserved points a payment that ended without a capture gave back, else 0
   */
  public record Applied(
      CustomerLoyalty customer,
      OrderLoyalty order,
      LoyaltyTier tierBefore,
      long shortfall,
      Redemption answer,
      long pointsSpent,
      long pointsReleased)
      implements Result {

    /** A change without reservations. */
    public Applied(
        CustomerLoyalty customer, OrderLoyalty order, LoyaltyTier tierBefore, long shortfall) {
      this(customer, order, tierBefore, shortfall, null, 0, 0);
    }
  }

  /**
   * A request to redeem points was answered without changing the balance: refused, or answered
   * before (a repeat gets its first answer again, RESERVED or REFUSED, and changes nothing).
   *
   * @param order the order's record with the answer on it
   * @param answer the answer to publish
   * @param repeat whether the order had this answer already (nothing to store)
   */
  public record Answered(OrderLoyalty order, Redemption answer, boolean repeat) implements Result {}

  /**
   * A payment ended without a capture on an order with nothing reserved: the order's record now
   * says it is closed, the balance is unchanged and nothing is published.
   *
   * @param order the order's closed record
   */
  public record Closed(OrderLoyalty order) implements Result {}

  private final LoyaltyProgram program;

  public PointsLedger(LoyaltyProgram program) {
    this.program = program;
  }

  /**
   * @param customer the customer's balance, null for a new customer
   * @param order the order's record, null when the order was not seen (within retention) and for a
   *     registration
   * @param event the payment, refund, registration, redemption request or ended payment
   * @param eventTime its event time, epoch millis
   */
  public Result apply(
      CustomerLoyalty customer, OrderLoyalty order, LoyaltyEvent event, long eventTime) {
    if (event instanceof LoyaltyEvent.Registered registered) {
      return open(customer, registered, eventTime);
    }
    CustomerLoyalty before =
        customer == null ? CustomerLoyalty.newCustomer(event.customerKey()) : customer;
    if (event instanceof LoyaltyEvent.Captured captured) {
      return capture(before, order, captured.payment(), eventTime);
    }
    if (event instanceof LoyaltyEvent.RedemptionRequested request) {
      return reserve(before, order, request.order(), eventTime);
    }
    if (event instanceof LoyaltyEvent.PaymentEnded ended) {
      return release(before, order, ended.payment(), eventTime);
    }
    return refund(before, order, ((LoyaltyEvent.Refunded) event).refund(), eventTime);
  }

  /**
   * An order redeeming points: the answer it had, REFUSED order_closed when its payment already
   * ended, RESERVED when the customer has the points available, else REFUSED insufficient_points.
   * The first answer is checked before the closure: a repeat of an order that was reserved and then
   * captured is told RESERVED again, never a contradicting REFUSED.
   */
  private Result reserve(
      CustomerLoyalty before, OrderLoyalty order, OrderPlaced placed, long eventTime) {
    if (order != null && order.redemption() != null) {
      return new Answered(order, order.redemption(), true);
    }
    String currency = placed.getCurrency();
    OrderLoyalty known =
        order == null ? OrderLoyalty.firstSeen(placed.getOrderId(), currency, eventTime) : order;
    requireSameCurrency(known, currency, "order " + placed.getOrderId());
    long points = placed.getPointsToRedeem();
    if (known.closed() || before.points() < points) {
      Redemption refused =
          answer(
              placed,
              PointsReservationStatus.REFUSED,
              known.closed() ? ContractRules.ORDER_CLOSED : ContractRules.INSUFFICIENT_POINTS,
              before.points(),
              eventTime);
      return new Answered(known.answered(refused), refused, false);
    }
    long available = before.points() - points;
    Redemption reserved =
        answer(placed, PointsReservationStatus.RESERVED, null, available, eventTime);
    PointsChange change =
        new PointsChange(
            LoyaltySource.RESERVATION,
            placed.getOrderId(),
            placed.getOrderId(),
            Math.multiplyExact(points, ContractRules.POINT_VALUE_MINOR),
            currency,
            -points);
    CustomerLoyalty after =
        balance(
            before,
            available,
            Math.addExact(before.reservedPoints(), points),
            0,
            before.lifetimeSpendMinor(),
            change,
            eventTime);
    return new Applied(after, known.answered(reserved), before.tier(), 0, reserved, 0, 0);
  }

  private static Redemption answer(
      OrderPlaced placed,
      PointsReservationStatus status,
      String reason,
      long availablePoints,
      long eventTime) {
    return new Redemption(
        placed.getOrderId(),
        placed.getMerchantId(),
        placed.getCustomerId(),
        placed.getPointsToRedeem(),
        status,
        reason,
        availablePoints,
        Instant.ofEpochMilli(eventTime));
  }

  /**
   * A payment that ended without a capture closes its order, once: the points reserved for it are
   * available again. An order with nothing reserved is only marked closed, so that a request to
   * redeem seen after it is refused.
   */
  private Result release(
      CustomerLoyalty before, OrderLoyalty order, PaymentProcessed payment, long eventTime) {
    if (order != null && order.closed()) {
      return new Duplicate();
    }
    OrderLoyalty known =
        order == null
            ? OrderLoyalty.firstSeen(payment.getOrderId(), payment.getCurrency(), eventTime)
            : order;
    OrderLoyalty closed = known.closedBy(payment.getStatus().name());
    if (!known.holdsReservation()) {
      return new Closed(closed);
    }
    long points = known.redemption().points();
    PointsChange change =
        new PointsChange(
            LoyaltySource.RELEASE,
            payment.getOrderId(),
            payment.getOrderId(),
            Math.multiplyExact(points, ContractRules.POINT_VALUE_MINOR),
            known.currency(),
            points);
    CustomerLoyalty after =
        balance(
            before,
            Math.addExact(before.points(), points),
            reservedAfter(before, points),
            0,
            before.lifetimeSpendMinor(),
            change,
            eventTime);
    return new Applied(after, closed, before.tier(), 0, null, 0, points);
  }

  /** The reserved points once an order's {@code points} are spent or released. */
  private static long reservedAfter(CustomerLoyalty before, long points) {
    if (before.reservedPoints() < points) {
      // The order's reservation is part of the customer's reserved points by construction; less
      // means a store written by other rules. Refused (dead letter) rather than going negative.
      throw new IllegalArgumentException(
          "customer "
              + before.key()
              + " has "
              + before.reservedPoints()
              + " reserved points, fewer than the "
              + points
              + " of an order");
    }
    return before.reservedPoints() - points;
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
    CustomerLoyalty opened = CustomerLoyalty.newCustomer(registered.customerKey());
    PointsChange change =
        new PointsChange(
            LoyaltySource.REGISTRATION,
            registered.sourceId(),
            registered.orderId(),
            0,
            ContractRules.NO_CURRENCY,
            0);
    return new Applied(
        balance(opened, 0, 0, 0, Map.of(), change, eventTime), null, opened.tier(), 0);
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
                known.refundIds(),
                known.redemption(),
                known.closedBy())
            .closedBy(PaymentStatus.CAPTURED.name());
    // The order's reserved points are spent by its capture: they were charged as money off.
    long spent = known.holdsReservation() ? known.redemption().points() : 0;
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
        balance(
            before,
            earned - taken,
            reservedAfter(before, spent),
            due - taken,
            spend,
            change,
            eventTime),
        after,
        before.tier(),
        due - taken,
        null,
        spent,
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
              plus(known.refundIds(), refund.getRefundId()),
              known.redemption(),
              known.closedBy());
      PointsChange change =
          new PointsChange(
              LoyaltySource.REFUND, refund.getRefundId(), refund.getOrderId(), amount, currency, 0);
      return new Applied(
          balance(
              before,
              before.points(),
              before.reservedPoints(),
              0,
              before.lifetimeSpendMinor(),
              change,
              eventTime),
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
            plus(known.refundIds(), refund.getRefundId()),
            known.redemption(),
            known.closedBy());
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
        balance(
            before,
            before.points() - taken,
            before.reservedPoints(),
            shortfall,
            spend,
            change,
            eventTime),
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
      long reservedPoints,
      long addedShortfall,
      Map<String, Long> spend,
      PointsChange change,
      long eventTime) {
    long tierSpend = program.tierSpendMinor(spend);
    return new CustomerLoyalty(
        before.merchantId(),
        before.customerId(),
        points,
        reservedPoints,
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
