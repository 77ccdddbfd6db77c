package io.payrail.ingest.coupon;

import io.payrail.ingest.request.JsonFields;
import io.payrail.schemas.contract.ContractRules;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Coupon codes as the facade reads them, wherever they come from (a coupon's definition, an order's
 * claim, a URL): upper-cased, then checked against {@link ContractRules#COUPON_CODE}.
 */
public final class CouponCodes {

  private CouponCodes() {}

  /**
   * A required coupon code, upper-cased with Locale.ROOT (never the server's locale: a Turkish
   * locale would turn "i" into a dotted capital I), then checked against {@link
   * ContractRules#COUPON_CODE}.
   */
  public static String required(JsonNode body, JsonFields fields, String name) {
    JsonNode value = body.get(name);
    if (value == null || value.isNull()) {
      fields.error(name, "is required");
      return "";
    }
    if (!value.isString()) {
      fields.error(name, "must be a string");
      return "";
    }
    String code = value.stringValue().toUpperCase(Locale.ROOT);
    String problem = ContractRules.COUPON_CODE.problem(code);
    if (problem != null) {
      fields.error(name, problem);
      return "";
    }
    return code;
  }

  /** A code from a URL path, upper-cased; empty when it cannot be a coupon code. */
  public static Optional<String> fromPath(String code) {
    String upper = code.toUpperCase(Locale.ROOT);
    return ContractRules.COUPON_CODE.problem(upper) == null ? Optional.of(upper) : Optional.empty();
  }
}
