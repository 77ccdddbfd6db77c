package io.payrail.schemas.keys;

import java.util.Objects;

/**
 * The Kafka key of a coupon: the UTF-8 string {@code merchantId/code}. Neither holds {@code /}, so
 * the key splits unambiguously, and two merchants' coupons with the same code are two keys.
 *
 * @param merchantId the merchant the coupon belongs to
 * @param code the coupon's code
 */
public record CouponKey(String merchantId, String code) {

  /** Between the merchant's id and the code; outside both alphabets. */
  public static final char SEPARATOR = '/';

  public CouponKey {
    Objects.requireNonNull(merchantId, "merchantId");
    Objects.requireNonNull(code, "code");
  }

  /** The key as it is written to Kafka and to stores. */
  public String encoded() {
    return merchantId + SEPARATOR + code;
  }

  /** The encoded key of a coupon. */
  public static String of(String merchantId, String code) {
    return new CouponKey(merchantId, code).encoded();
  }

  @Override
  public String toString() {
    return encoded();
  }
}
