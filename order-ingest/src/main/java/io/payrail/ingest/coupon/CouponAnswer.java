package io.payrail.ingest.coupon;

import io.payrail.events.CouponDefined;
import java.time.Instant;
import java.util.Objects;

/**
 * A coupon as the facade shows it: its definition and when it was accepted. Fields not set are null
 * ({@code minSpendMinor} is 0 then).
 */
public record CouponAnswer(
    String code,
    Integer percentOff,
    Long amountOffMinor,
    String currency,
    long minSpendMinor,
    Integer maxUses,
    Integer maxUsesPerCustomer,
    Instant validFrom,
    Instant validUntil,
    Instant createdAt) {

  static CouponAnswer of(CouponDefined coupon) {
    return new CouponAnswer(
        coupon.getCode(),
        coupon.getPercentOff(),
        coupon.getAmountOffMinor(),
        coupon.getCurrency(),
        coupon.getMinSpendMinor(),
        coupon.getMaxUses(),
        coupon.getMaxUsesPerCustomer(),
        coupon.getValidFrom(),
        coupon.getValidUntil(),
        coupon.getCreatedAt());
  }

  /** Whether two definitions ask for the same coupon: everything but the time it was made. */
  static boolean sameDefinition(CouponDefined a, CouponDefined b) {
    return a.getMerchantId().equals(b.getMerchantId())
        && a.getCode().equals(b.getCode())
        && Objects.equals(a.getPercentOff(), b.getPercentOff())
        && Objects.equals(a.getAmountOffMinor(), b.getAmountOffMinor())
        && Objects.equals(a.getCurrency(), b.getCurrency())
        && a.getMinSpendMinor() == b.getMinSpendMinor()
        && Objects.equals(a.getMaxUses(), b.getMaxUses())
        && Objects.equals(a.getMaxUsesPerCustomer(), b.getMaxUsesPerCustomer())
        && Objects.equals(a.getValidFrom(), b.getValidFrom())
        && Objects.equals(a.getValidUntil(), b.getValidUntil());
  }
}
