package io.payrail.ingest.coupon;

import static org.assertj.core.api.Assertions.assertThat;

import io.payrail.events.AppliedCoupon;
import io.payrail.events.CouponDefined;
import io.payrail.ingest.coupon.CouponPricing.Applied;
import io.payrail.ingest.coupon.CouponPricing.NotApplicable;
import io.payrail.ingest.coupon.CouponPricing.Result;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CouponPricingTest {

  private static final Instant NOW = Instant.parse("2026-12-02T03:00:00Z");

  private static CouponDefined.Builder percent(int percentOff) {
    return CouponDefined.newBuilder()
        .setMerchantId("dev-merchant")
        .setCode("SAVE")
        .setPercentOff(percentOff)
        .setCreatedAt(NOW.minusSeconds(3600));
  }

  private static CouponDefined.Builder fixed(long amountOffMinor, String currency) {
    return CouponDefined.newBuilder()
        .setMerchantId("dev-merchant")
        .setCode("FIVE-OFF")
        .setAmountOffMinor(amountOffMinor)
        .setCurrency(currency)
        .setCreatedAt(NOW.minusSeconds(3600));
  }

  private static long discount(Result result) {
    assertThat(result).isInstanceOf(Applied.class);
    return ((Applied) result).coupon().getDiscountMinor();
  }

  private static String condition(Result result) {
    assertThat(result).isInstanceOf(NotApplicable.class);
    return ((NotApplicable) result).condition();
  }

  @Test
  void percentageIsRoundedDownToTheMinorUnit() {
    assertThat(discount(CouponPricing.price(percent(10).build(), 999, "EUR", NOW))).isEqualTo(99);
    assertThat(discount(CouponPricing.price(percent(33).build(), 3999, "EUR", NOW)))
        .isEqualTo(1319);
    assertThat(discount(CouponPricing.price(percent(99).build(), 101, "EUR", NOW))).isEqualTo(99);
  }

  @Test
  void percentageIsExactForTheLargestTotals() {
    long total = 999_999_999_999L;
    assertThat(discount(CouponPricing.price(percent(99).build(), total, "EUR", NOW)))
        .isEqualTo(989_999_999_999L);
  }

  @Test
  void percentageThatRoundsToNothingDoesNotApply() {
    assertThat(condition(CouponPricing.price(percent(33).build(), 1, "EUR", NOW)))
        .contains("less than one minor unit");
    assertThat(condition(CouponPricing.price(percent(10).build(), 9, "EUR", NOW)))
        .contains("less than one minor unit");
    assertThat(discount(CouponPricing.price(percent(10).build(), 10, "EUR", NOW))).isEqualTo(1);
  }

  @Test
  void percentageWithoutMinimumSpendAppliesInAnyCurrency() {
    assertThat(discount(CouponPricing.price(percent(10).build(), 1000, "USD", NOW))).isEqualTo(100);
  }

  @Test
  void fixedAmountAppliesOnlyBelowTheTotal() {
    assertThat(discount(CouponPricing.price(fixed(500, "EUR").build(), 501, "EUR", NOW)))
        .isEqualTo(500);
    assertThat(condition(CouponPricing.price(fixed(500, "EUR").build(), 500, "EUR", NOW)))
        .contains("not less than the order's total");
    assertThat(condition(CouponPricing.price(fixed(500, "EUR").build(), 499, "EUR", NOW)))
        .contains("not less than the order's total");
  }

  @Test
  void fixedAmountAppliesOnlyInItsCurrency() {
    assertThat(condition(CouponPricing.price(fixed(500, "EUR").build(), 5000, "USD", NOW)))
        .contains("orders in EUR only");
  }

  @Test
  void minimumSpendIsInclusiveAndBindsAPercentageToItsCurrency() {
    CouponDefined coupon = percent(10).setMinSpendMinor(2000).setCurrency("EUR").build();
    assertThat(discount(CouponPricing.price(coupon, 2000, "EUR", NOW))).isEqualTo(200);
    assertThat(condition(CouponPricing.price(coupon, 1999, "EUR", NOW)))
        .contains("minimum spend of 2000");
    assertThat(condition(CouponPricing.price(coupon, 5000, "USD", NOW)))
        .contains("orders in EUR only");
  }

  @Test
  void validFromIsInclusiveAndValidUntilExclusive() {
    CouponDefined coupon = percent(10).setValidFrom(NOW).setValidUntil(NOW.plusSeconds(60)).build();
    assertThat(condition(CouponPricing.price(coupon, 1000, "EUR", NOW.minusMillis(1))))
        .contains("valid from");
    assertThat(discount(CouponPricing.price(coupon, 1000, "EUR", NOW))).isEqualTo(100);
    assertThat(discount(CouponPricing.price(coupon, 1000, "EUR", NOW.plusMillis(59_999))))
        .isEqualTo(100);
    assertThat(condition(CouponPricing.price(coupon, 1000, "EUR", NOW.plusSeconds(60))))
        .contains("expired");
  }

  @Test
  void appliedCouponCarriesTheLimitsForPaymentProcessor() {
    CouponDefined coupon = percent(10).setMaxUses(100).setMaxUsesPerCustomer(1).build();
    AppliedCoupon applied = ((Applied) CouponPricing.price(coupon, 1000, "EUR", NOW)).coupon();
    assertThat(applied.getCode()).isEqualTo("SAVE");
    assertThat(applied.getMaxUses()).isEqualTo(100);
    assertThat(applied.getMaxUsesPerCustomer()).isEqualTo(1);
  }
}
