package io.payrail.payment.coupon;

import io.payrail.events.AppliedCoupon;
import io.payrail.events.OrderPlaced;

/**
 * The coupon an order claims, as the facade priced it when it accepted the order, with the coupon's
 * use limits copied in (payment-processor enforces them without reading the coupons topic).
 *
 * @param code the coupon's code (upper case)
 * @param discountMinor the discount on this order: the charge is the order's total minus it
 * @param maxUses uses of the coupon in all; null for no limit
 * @param maxUsesPerCustomer uses by one customer; null for no limit
 */
public record CouponClaim(
    String code, long discountMinor, Integer maxUses, Integer maxUsesPerCustomer) {

  /** The order's coupon, null when it claims none. */
  public static CouponClaim of(OrderPlaced order) {
    AppliedCoupon coupon = order.getCoupon();
    return coupon == null
        ? null
        : new CouponClaim(
            coupon.getCode(),
            coupon.getDiscountMinor(),
            coupon.getMaxUses(),
            coupon.getMaxUsesPerCustomer());
  }
}
