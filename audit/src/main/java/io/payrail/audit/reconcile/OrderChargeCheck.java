package io.payrail.audit.reconcile;

import io.payrail.audit.Discrepancy;
import io.payrail.audit.DiscrepancyKind;
import io.payrail.audit.kafka.Event;
import io.payrail.audit.kafka.ResultTopics;
import io.payrail.audit.ledger.LedgerRows;
import io.payrail.events.AppliedCoupon;
import io.payrail.events.OrderPlaced;
import io.payrail.events.PaymentProcessed;
import io.payrail.events.PaymentStatus;
import io.payrail.schemas.contract.ContractRules;
import io.payrail.schemas.keys.CustomerKey;
import io.payrail.schemas.keys.OrderKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A payment charges what its order says, judged from the orders and payments alone: its {@code
 * amountMinor} is {@link ContractRules#chargeMinor} of its order (the total minus the coupon's
 * discount minus the points redeemed, the one definition the facade and payment-processor use too),
 * it names the order's coupon and discount, and its {@code pointsRedeemed} is the order's {@code
 * pointsToRedeem} (0 without). A payment declined for its coupon's limit ({@code coupon_exhausted},
 * {@code coupon_customer_limit}) may also tell the order without the coupon it did not get: no
 * code, discount 0, the discount added back to the amount. Every difference is a {@link
 * DiscrepancyKind#DISCOUNT_MISMATCH}, the kind coupons introduced: one home for the charge.
 */
public final class OrderChargeCheck implements Reconciliation {

  @Override
  public List<Discrepancy> check(ResultTopics events, LedgerRows ledger) {
    Map<OrderKey, OrderPlaced> orders = new LinkedHashMap<>();
    events.orders().forEach(order -> orders.putIfAbsent(order.orderKey(), order.value()));
    List<Discrepancy> found = new ArrayList<>();
    for (Event<PaymentProcessed> event : events.payments()) {
      OrderPlaced order = orders.get(event.orderKey());
      if (order == null) {
        continue; // OrderFlowCheck reports an event without order.
      }
      List<String> differences = differences(order, event.value());
      if (!differences.isEmpty()) {
        found.add(
            new Discrepancy(
                DiscrepancyKind.DISCOUNT_MISMATCH,
                event.key(),
                CustomerKey.of(event.value().getMerchantId(), event.value().getCustomerId()),
                event.value().getStatus()
                    + " at "
                    + event.source()
                    + " vs order: "
                    + String.join(", ", differences)));
      }
    }
    return found;
  }

  /** How a payment differs from what its order makes of it; empty when it agrees. */
  static List<String> differences(OrderPlaced order, PaymentProcessed payment) {
    AppliedCoupon coupon = order.getCoupon();
    String code = coupon == null ? null : coupon.getCode();
    long discount = coupon == null ? 0 : coupon.getDiscountMinor();
    long charge = ContractRules.chargeMinor(order);
    if (coupon != null
        && payment.getStatus() == PaymentStatus.DECLINED
        && CouponCheck.LIMIT_DECLINES.contains(payment.getDeclineCode())
        && payment.getCouponCode() == null) {
      // Declined for the limit, told without the coupon it did not get (its points still count).
      code = null;
      charge += discount;
      discount = 0;
    }
    long points = order.getPointsToRedeem() == null ? 0 : order.getPointsToRedeem();
    List<String> differences = new ArrayList<>();
    compare("amountMinor", payment.getAmountMinor(), charge, differences);
    compare("couponCode", payment.getCouponCode(), code, differences);
    compare("discountMinor", payment.getDiscountMinor(), discount, differences);
    compare("pointsRedeemed", payment.getPointsRedeemed(), points, differences);
    return differences;
  }

  private static void compare(String field, Object payment, Object expected, List<String> out) {
    if (!Objects.equals(payment, expected)) {
      out.add(field + " " + payment + " != " + expected + " expected");
    }
  }
}
