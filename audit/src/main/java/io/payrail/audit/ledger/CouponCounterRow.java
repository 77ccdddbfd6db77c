package io.payrail.audit.ledger;

import io.payrail.schemas.keys.CouponKey;

/**
 * A coupon's use counter in the payments ledger ({@code coupon_uses}, payment-processor's V6) next
 * to its redemptions ({@code coupon_redemptions}): payment-processor takes and gives back a use in
 * the same transaction that changes the counter, so in one snapshot the two agree.
 *
 * @param merchantId the coupon's merchant
 * @param couponCode the coupon's code
 * @param uses the counter's {@code uses}; null when the coupon has redemptions but no counter row
 * @param taken how many of its redemptions (of every order, also outside the audit's scope) are
 *     {@link #TAKEN}
 */
public record CouponCounterRow(String merchantId, String couponCode, Long uses, long taken) {

  /** {@code coupon_redemptions.status} of a use the payment holds. */
  public static final String TAKEN = "TAKEN";

  /** {@code coupon_redemptions.status} of a use given back (the payment ended without capture). */
  public static final String RETURNED = "RETURNED";

  /** The coupon as the report names it, as its Kafka key does: {@code merchantId/code}. */
  public String coupon() {
    return CouponKey.of(merchantId, couponCode);
  }
}
