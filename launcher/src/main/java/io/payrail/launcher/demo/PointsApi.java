package io.payrail.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.payrail.schemas.contract.ContractRules;

/**
 * The facade's loyalty points as the launcher uses them: an order redeeming some ({@code
 * "pointsToRedeem": n} in {@code POST /v1/orders}), the charge of its 202 answer, the points its
 * payment redeemed in the order's status, the decline code of a payment whose points loyalty
 * refused, and a member's balance on {@code GET /v1/customers/{customerId}} and alone on {@code
 * /v1/customers/{customerId}/loyalty}. Every path, field and answer the demo relies on is named
 * here once, for the tests to use too, so a change of the API is one change here.
 */
public final class PointsApi {

  /**
   * The order's field naming the points it redeems, in {@code POST /v1/orders} and in the 202
   * answer.
   */
  public static final String ORDER_POINTS_FIELD = "pointsToRedeem";

  /** The 202 answer's amount to be charged: the total minus the discount minus the points. */
  public static final String CHARGE_FIELD = CouponApi.CHARGE_FIELD;

  /** The order status's object of the payment's outcome. */
  public static final String STATUS_PAYMENT_FIELD = "payment";

  /** In the status's payment: the points the payment redeemed (0 when none). */
  public static final String PAYMENT_POINTS_FIELD = "pointsRedeemed";

  /** The order status of an order whose payment was declined (its card, a coupon, its points). */
  public static final String PAYMENT_DECLINED = CouponApi.PAYMENT_DECLINED;

  /** Decline code: loyalty refused to reserve the points, so the order was never charged. */
  public static final String POINTS_UNAVAILABLE = ContractRules.POINTS_UNAVAILABLE;

  /** Where a member's profile is read, merchant-scoped by the bearer key. */
  public static final String CUSTOMERS_PATH = "/v1/customers";

  /** The profile's loyalty balance; absent or null until loyalty has opened it. */
  public static final String LOYALTY_FIELD = "loyalty";

  /** In the profile's balance: the points the member can redeem now (reserved ones excluded). */
  public static final String AVAILABLE_FIELD = "points";

  /** In the profile's balance: points reserved by orders whose payment has not ended yet. */
  public static final String RESERVED_FIELD = "reservedPoints";

  /** In the profile's balance: the member's tier (BRONZE, SILVER, GOLD, PLATINUM). */
  public static final String TIER_FIELD = "tier";

  /** What one point is worth, in minor units of the order's currency. */
  public static final long POINT_VALUE_MINOR = ContractRules.POINT_VALUE_MINOR;

  private PointsApi() {}

  /** {@code GET} target of the member {@code customerId}'s profile. */
  public static String customerPath(String customerId) {
    return CUSTOMERS_PATH + "/" + customerId;
  }

  /**
   * {@code GET} target of the member {@code customerId}'s balance alone: the profile's {@link
   * #LOYALTY_FIELD} object, 404 until loyalty has opened it.
   */
  public static String loyaltyPath(String customerId) {
    return customerPath(customerId) + "/loyalty";
  }

  /**
   * The order body {@code orderJson} (an object) redeeming {@code points}; unchanged when {@code
   * points} is null.
   */
  public static String redeeming(String orderJson, Long points) {
    if (points == null) {
      return orderJson;
    }
    String trimmed = orderJson.strip();
    if (!trimmed.endsWith("}")) {
      throw new IllegalArgumentException("not a JSON object: " + orderJson);
    }
    return trimmed.substring(0, trimmed.length() - 1)
        + ",\""
        + ORDER_POINTS_FIELD
        + "\":"
        + points
        + "}";
  }

  /** The points an order's 202 answer redeems; 0 when it redeems none. */
  public static long pointsOf(JsonNode accepted) {
    return accepted.path(ORDER_POINTS_FIELD).asLong(0);
  }

  /** The charge of an order's 202 answer. */
  public static long chargeOf(JsonNode accepted) {
    return accepted.path(CHARGE_FIELD).asLong();
  }

  /** The points the order's payment redeemed, from its status; 0 while there is no payment. */
  public static long redeemedOf(JsonNode status) {
    return status.path(STATUS_PAYMENT_FIELD).path(PAYMENT_POINTS_FIELD).asLong(0);
  }

  /** The member's available points, from the profile; 0 until loyalty has opened the balance. */
  public static long availableOf(JsonNode customer) {
    return availableOfBalance(customer.path(LOYALTY_FIELD));
  }

  /** The available points of a balance, as {@link #loyaltyPath} answers it. */
  public static long availableOfBalance(JsonNode balance) {
    return balance.path(AVAILABLE_FIELD).asLong(0);
  }

  /**
   * How many points to redeem on an order whose charge before points is {@code chargeMinor}: {@code
   * percent} of the charge, no more than the member has, and never the whole charge (the charge
   * stays at least 1, as the contract requires); 0 when nothing would be redeemed.
   */
  public static long modestRedemption(long available, long chargeMinor, int percent) {
    if (available <= 0 || chargeMinor <= 1 || percent <= 0) {
      return 0;
    }
    long share = Math.min(chargeMinor * percent / 100, chargeMinor - 1) / POINT_VALUE_MINOR;
    return Math.max(0, Math.min(available, share));
  }
}
