package io.payrail.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.payrail.schemas.contract.ContractRules;
import java.util.Set;

/**
 * The facade's coupons as the launcher uses them: {@code POST /v1/coupons}, an order claiming one
 * ({@code "coupon": "<code>"}), the coupon and charge of the order's 202 answer, and the decline
 * codes of a payment refused for a coupon's use limit. Every path, field and answer the demo and
 * the smoke test rely on is named here once, so a change of the API is one change here.
 */
public final class CouponApi {

  /** Where a merchant defines a coupon (merchant-scoped by the bearer key). */
  public static final String COUPONS_PATH = "/v1/coupons";

  /** A coupon defined now. */
  public static final int CREATED = 201;

  /** The same definition again: nothing changes. */
  public static final int UNCHANGED = 200;

  /**
   * The order's field naming the coupon it claims, in {@code POST /v1/orders}; in the 202 answer,
   * the coupon as priced: {@link #CODE_FIELD} and {@link #DISCOUNT_FIELD}.
   */
  public static final String ORDER_COUPON_FIELD = "coupon";

  public static final String CODE_FIELD = "code";

  /** The coupon's discount on the order, in minor units. */
  public static final String DISCOUNT_FIELD = "discountMinor";

  /** The 202 answer's amount to be charged: the order's total minus the discount. */
  public static final String CHARGE_FIELD = "chargeMinor";

  /** The order status of an order whose payment was declined (the card's, or a coupon's limit). */
  public static final String PAYMENT_DECLINED = "PAYMENT_DECLINED";

  /** Decline code: the coupon had no use left. */
  public static final String COUPON_EXHAUSTED = ContractRules.COUPON_EXHAUSTED;

  /** Decline code: the customer used the coupon as often as it allows. */
  public static final String COUPON_CUSTOMER_LIMIT = ContractRules.COUPON_CUSTOMER_LIMIT;

  /** The decline codes of a payment refused for its coupon's use limit. */
  public static final Set<String> LIMIT_DECLINES = Set.of(COUPON_EXHAUSTED, COUPON_CUSTOMER_LIMIT);

  private CouponApi() {}

  /** {@code GET} target of the coupon {@code code}. */
  public static String couponPath(String code) {
    return COUPONS_PATH + "/" + code;
  }

  /**
   * The body of a percentage coupon; a null limit is no limit.
   *
   * @param percentOff 1 to 99
   */
  public static String percentOffBody(
      String code, int percentOff, Integer maxUses, Integer maxUsesPerCustomer) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("code", code);
    body.put("percentOff", percentOff);
    if (maxUses != null) {
      body.put("maxUses", maxUses);
    }
    if (maxUsesPerCustomer != null) {
      body.put("maxUsesPerCustomer", maxUsesPerCustomer);
    }
    return body.toString();
  }

  /**
   * The order body {@code orderJson} (an object) claiming {@code code}; unchanged when {@code code}
   * is null.
   */
  public static String claiming(String orderJson, String code) {
    if (code == null) {
      return orderJson;
    }
    String trimmed = orderJson.strip();
    if (!trimmed.endsWith("}")) {
      throw new IllegalArgumentException("not a JSON object: " + orderJson);
    }
    return trimmed.substring(0, trimmed.length() - 1)
        + ",\""
        + ORDER_COUPON_FIELD
        + "\":"
        + JsonNodeFactory.instance.textNode(code)
        + "}";
  }

  /** The discount of an order's 202 answer; 0 when it applied no coupon. */
  public static long discountOf(JsonNode accepted) {
    return accepted.path(ORDER_COUPON_FIELD).path(DISCOUNT_FIELD).asLong(0);
  }

  /** The coupon code of an order's 202 answer; null when it applied none. */
  public static String codeOf(JsonNode accepted) {
    JsonNode code = accepted.path(ORDER_COUPON_FIELD).path(CODE_FIELD);
    return code.isTextual() ? code.asText() : null;
  }

  /** The charge of an order's 202 answer. */
  public static long chargeOf(JsonNode accepted) {
    return accepted.path(CHARGE_FIELD).asLong();
  }
}
