package io.payrail.launcher.demo;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What became of the demo's coupon claims: applied (the order was paid, the discount off its
 * charge), refused by payment-processor for a use limit (by decline code), or neither (a declined
 * card, an order not final).
 *
 * @param claimed orders that claimed the coupon and were accepted with it
 * @param applied claims whose order was paid
 * @param discountMinor the discount of the applied claims together, in minor units
 * @param refused claims refused for the coupon's limit, by decline code
 */
record CouponOutcome(int claimed, int applied, long discountMinor, Map<String, Integer> refused) {

  /** Order statuses of a paid order (refunded later or not: a refund gives no use back). */
  static final Set<String> PAID = Set.of("PAID", "PARTIALLY_REFUNDED", "REFUNDED");

  /**
   * One claim: its order's status, the payment's decline code (null when none) and the discount the
   * facade priced.
   */
  record Claim(String status, String declineCode, long discountMinor) {}

  static CouponOutcome of(Collection<Claim> claims) {
    int applied = 0;
    long discount = 0;
    Map<String, Integer> refused = new TreeMap<>();
    for (Claim claim : claims) {
      if (PAID.contains(claim.status())) {
        applied++;
        discount += claim.discountMinor();
      } else if (CouponApi.PAYMENT_DECLINED.equals(claim.status())
          && CouponApi.LIMIT_DECLINES.contains(claim.declineCode())) {
        refused.merge(claim.declineCode(), 1, Integer::sum);
      }
    }
    return new CouponOutcome(claims.size(), applied, discount, refused);
  }

  int refusedTotal() {
    return refused.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Claims neither applied nor refused for the limit: declined cards, orders not final. */
  int other() {
    return claimed - applied - refusedTotal();
  }

  /** The summary's coupon line. */
  String line(String code, String currency) {
    if (claimed == 0) {
      return code + ": no order claimed it";
    }
    return String.format(
        Locale.ROOT,
        "%s: %d claimed, %d applied (%d.%02d %s off in all), %d refused %s, %d not paid otherwise",
        code,
        claimed,
        applied,
        discountMinor / 100,
        discountMinor % 100,
        currency,
        refusedTotal(),
        refused,
        other());
  }
}
