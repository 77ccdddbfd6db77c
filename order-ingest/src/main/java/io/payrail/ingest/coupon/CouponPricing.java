package io.payrail.ingest.coupon;

import io.payrail.events.AppliedCoupon;
import io.payrail.events.CouponDefined;
import java.time.Instant;

/**
 * What a coupon takes off an order's total (docs/contract.md, "Coupons"): exact integer arithmetic
 * in minor units, never floating point. A percentage is rounded down; a coupon that would take
 * nothing, or the whole total or more, does not apply (a coupon never makes an order free). Use
 * limits are not checked here: the facade cannot count uses exactly across instances, so
 * payment-processor does, from the limits the priced coupon carries.
 */
public final class CouponPricing {

  private CouponPricing() {}

  /** The outcome of pricing a coupon for one order. */
  public sealed interface Result permits Applied, NotApplicable {}

  /** The coupon applies: the order carries it so, and is charged its total minus the discount. */
  public record Applied(AppliedCoupon coupon) implements Result {}

  /**
   * The coupon does not apply to this order.
   *
   * @param condition which condition failed, for the 422's detail (never echoes request values)
   */
  public record NotApplicable(String condition) implements Result {}

  /**
   * @param coupon the merchant's coupon the order claims
   * @param amountMinor the order's total
   * @param currency the order's currency
   * @param at the facade's clock when it accepts the order
   */
  public static Result price(CouponDefined coupon, long amountMinor, String currency, Instant at) {
    if (coupon.getValidFrom() != null && at.isBefore(coupon.getValidFrom())) {
      return new NotApplicable("the coupon is valid from " + coupon.getValidFrom());
    }
    if (coupon.getValidUntil() != null && !at.isBefore(coupon.getValidUntil())) {
      return new NotApplicable("the coupon expired at " + coupon.getValidUntil());
    }
    boolean boundToCurrency = coupon.getAmountOffMinor() != null || coupon.getMinSpendMinor() > 0;
    if (boundToCurrency && !currency.equals(coupon.getCurrency())) {
      return new NotApplicable("the coupon applies to orders in " + coupon.getCurrency() + " only");
    }
    if (amountMinor < coupon.getMinSpendMinor()) {
      return new NotApplicable(
          "the order's total is below the coupon's minimum spend of "
              + coupon.getMinSpendMinor()
              + " minor units");
    }
    long discount;
    if (coupon.getPercentOff() != null) {
      // Both factors are far below 2^63 / 100 (amounts are capped by the contract); exact anyway.
      discount = Math.multiplyExact(amountMinor, (long) coupon.getPercentOff()) / 100;
      if (discount < 1) {
        return new NotApplicable(
            coupon.getPercentOff() + "% of the order's total is less than one minor unit");
      }
    } else {
      discount = coupon.getAmountOffMinor();
    }
    if (discount >= amountMinor) {
      return new NotApplicable("the coupon's discount is not less than the order's total");
    }
    return new Applied(
        AppliedCoupon.newBuilder()
            .setCode(coupon.getCode())
            .setDiscountMinor(discount)
            .setMaxUses(coupon.getMaxUses())
            .setMaxUsesPerCustomer(coupon.getMaxUsesPerCustomer())
            .build());
  }
}
